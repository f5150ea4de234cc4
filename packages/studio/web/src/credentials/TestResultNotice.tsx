import type { TestResult } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Notice } from '../components/Notice.js';

export function TestResultNotice({
  result,
  onDismiss,
}: {
  result: TestResult;
  onDismiss?: () => void;
}) {
  const dismiss = onDismiss ? { onDismiss } : {};
  if (result.ok) {
    return (
      <Notice tone="success" title="Test passed" {...dismiss}>
        {result.message ? <p>{result.message}</p> : null}
      </Notice>
    );
  }
  return <ErrorNotice error={result.error} title="The connection test failed" {...dismiss} />;
}

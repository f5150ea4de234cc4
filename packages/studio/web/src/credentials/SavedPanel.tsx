import { useEffect, useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { testCredential } from '../api/endpoints.js';
import type { CredentialSummary, PluginDetail, TestResult } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';
import { TestResultNotice } from './TestResultNotice.js';

/** After saving: the credential is tested at once, and the next steps are offered. */
export function SavedPanel({
  credential,
  plugin,
  returnTo,
}: {
  credential: CredentialSummary;
  plugin: PluginDetail;
  returnTo: string | undefined;
}) {
  const [result, setResult] = useState<TestResult>();
  useEffect(() => {
    let current = true;
    testCredential(credential.id).then(
      (outcome) => current && setResult(outcome),
      (failure: unknown) => current && setResult({ ok: false, error: toErrorBody(failure) }),
    );
    return () => {
      current = false;
    };
  }, [credential.id]);

  const firstNode = plugin.nodes.find(
    (node) => node.kind !== 'webhook' && node.credentialTypes.includes(credential.type),
  );
  return (
    <section className="card saved-panel" aria-live="polite">
      <div className="saved-head">
        <span className="saved-icon">
          <Icon name="check" size={22} />
        </span>
        <div>
          <h2>Saved “{credential.name}”</h2>
          <p className="muted">Stored encrypted on this machine.</p>
        </div>
      </div>
      {result ? (
        <TestResultNotice result={result} />
      ) : (
        <p className="muted testing-line">
          <span className="spinner" aria-hidden="true" /> Testing the connection…
        </p>
      )}
      <div className="form-actions">
        {returnTo ? (
          <Link to={returnTo} className="btn btn-primary">
            Continue where you were
          </Link>
        ) : firstNode ? (
          <Link to={paths.playground(firstNode.key)} className="btn btn-primary">
            <Icon name="play" size={14} />
            Try {firstNode.displayName}
          </Link>
        ) : null}
        {result && !result.ok ? (
          <Link to={paths.credential(credential.id)} className="btn btn-secondary">
            <Icon name="edit" size={14} />
            Fix the settings
          </Link>
        ) : null}
        <Link to={paths.credentials()} className="btn btn-ghost">
          All credentials
        </Link>
      </div>
    </section>
  );
}

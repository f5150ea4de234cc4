import { binaryUrl } from '../api/endpoints.js';
import type { RunResult } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { JsonView } from '../components/JsonView.js';
import { formatBytes, formatDuration } from '../format/time.js';
import { LogList } from './LogList.js';

export function RunResultView({ result }: { result: RunResult }) {
  return (
    <section className="card result" aria-labelledby="result-title" aria-live="polite">
      <header className="result-head">
        <h2 id="result-title" className={result.ok ? 'result-ok' : 'result-failed'}>
          <Icon name={result.ok ? 'check' : 'alert'} />
          {result.ok ? 'Succeeded' : 'Failed'}
        </h2>
        <span className="muted small">{formatDuration(result.durationMs)}</span>
      </header>
      {result.ok ? (
        <>
          <h3 className="result-section-title">Output</h3>
          <JsonView value={result.output} label="Output" />
          {result.binaries.length > 0 ? (
            <>
              <h3 className="result-section-title">Files</h3>
              <ul className="file-list">
                {result.binaries.map((file) => (
                  <li key={file.$binary} className="file-item">
                    <a
                      href={binaryUrl(file.$binary)}
                      download={file.fileName}
                      className="btn btn-secondary btn-sm"
                    >
                      <Icon name="download" size={14} />
                      {file.fileName}
                    </a>
                    <span className="muted small">
                      {file.mimeType}
                      {file.size !== undefined ? ` · ${formatBytes(file.size)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              <p className="small muted">Files are kept for 15 minutes.</p>
            </>
          ) : null}
        </>
      ) : (
        <ErrorNotice error={result.error} />
      )}
      <h3 className="result-section-title">Logs</h3>
      <LogList logs={result.logs} />
    </section>
  );
}

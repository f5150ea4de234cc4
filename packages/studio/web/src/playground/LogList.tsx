import type { LogLine } from '../api/types.js';

export function LogList({ logs }: { logs: LogLine[] }) {
  if (logs.length === 0) return <p className="muted small">The run logged nothing.</p>;
  return (
    <ol className="log-list">
      {logs.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity but their order
        <li key={index} className={`log-line log-${line.level}`}>
          <span className="log-level">{line.level}</span>
          <span className="log-message">{line.message}</span>
          {line.fields && Object.keys(line.fields).length > 0 ? (
            <code className="log-fields">{JSON.stringify(line.fields)}</code>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

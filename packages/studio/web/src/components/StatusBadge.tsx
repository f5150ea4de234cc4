import type { ConnectionStatus } from '../api/types.js';
import { STATUS_LABEL } from '../format/labels.js';

export function StatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`badge badge-status badge-${status}`}>
      <span className="badge-dot" aria-hidden="true" />
      {STATUS_LABEL[status]}
    </span>
  );
}

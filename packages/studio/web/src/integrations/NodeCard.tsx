import type { NodeDetail, NodeSummary } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { NODE_KIND_LABEL } from '../format/labels.js';
import { describeFields } from '../forms/describe-field.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

export function NodeCard({ node, detail }: { node: NodeSummary; detail: NodeDetail | undefined }) {
  const fields = detail ? describeFields(detail.input) : undefined;
  return (
    <article className="card node-card">
      <div className="row-card">
        <div className="row-card-main">
          <h3>
            {node.displayName}{' '}
            <span className={`tag tag-${node.kind}`}>{NODE_KIND_LABEL[node.kind]}</span>
          </h3>
          <p className="muted">{node.description}</p>
        </div>
        <div className="row-card-actions">
          {node.kind === 'webhook' ? (
            <span className="small muted">Runs when a request arrives</span>
          ) : (
            <Link to={paths.playground(node.key)} className="btn btn-secondary">
              <Icon name="play" size={14} />
              Try it
            </Link>
          )}
        </div>
      </div>
      <details className="node-fields">
        <summary>
          Fields
          {fields ? <span className="muted"> ({fields.length})</span> : null}
        </summary>
        {!fields ? (
          <p className="muted small">Loading…</p>
        ) : fields.length === 0 ? (
          <p className="muted small">This node takes no input.</p>
        ) : (
          <ul className="field-list">
            {fields.map((field) => (
              <li key={field.name}>
                <div className="field-list-head">
                  <strong>{field.title}</strong>
                  <code>{field.name}</code>
                  <span className="tag">{field.type}</span>
                  {field.required ? <span className="tag tag-required">required</span> : null}
                  {field.advanced ? <span className="tag">advanced</span> : null}
                </div>
                {field.description ? <p className="muted small">{field.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </details>
    </article>
  );
}

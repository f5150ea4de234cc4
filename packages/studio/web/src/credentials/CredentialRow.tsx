import { useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { testCredential } from '../api/endpoints.js';
import type {
  ApiErrorBody,
  CredentialSummary,
  CredentialTypeInfo,
  PluginCard,
  TestResult,
} from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatExact, formatRelative } from '../format/time.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';
import { canReconnect, ReconnectButton } from './ReconnectButton.js';
import { TestResultNotice } from './TestResultNotice.js';

/** One credential, with its test result on a row of its own below it. */
export function CredentialRow({
  credential,
  plugin,
  typeInfo,
  onChanged,
  onDelete,
}: {
  credential: CredentialSummary;
  plugin: PluginCard | undefined;
  typeInfo: CredentialTypeInfo | undefined;
  onChanged: () => void;
  onDelete: () => void;
}) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult>();
  const [reconnectError, setReconnectError] = useState<ApiErrorBody>();

  const test = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      setResult(await testCredential(credential.id));
    } catch (failure) {
      setResult({ ok: false, error: toErrorBody(failure) });
    } finally {
      setTesting(false);
      onChanged();
    }
  };

  return (
    <tbody className="credential-group">
      <tr>
        <th scope="row" data-label="Name">
          <Link to={paths.credential(credential.id)} className="credential-name">
            {credential.name}
          </Link>
        </th>
        <td data-label="Service">
          <span className="service-cell">
            <PluginIcon
              icon={plugin?.icon}
              name={plugin?.displayName ?? credential.service}
              size="sm"
            />
            <span>
              {plugin?.displayName ?? credential.service}
              <span className="cell-sub">{typeInfo?.displayName ?? credential.type}</span>
            </span>
          </span>
        </td>
        <td
          data-label="Created"
          className="date-cell optional-column"
          title={formatExact(credential.createdAt)}
        >
          {formatRelative(credential.createdAt)}
        </td>
        <td data-label="Last used" className="date-cell" title={formatExact(credential.lastUsedAt)}>
          {formatRelative(credential.lastUsedAt)}
        </td>
        <td data-label="Status">
          <StatusBadge status={credential.status} />
          {credential.status !== 'connected' &&
          (credential.lastError || credential.status === 'expired') ? (
            <span className="status-reason">
              {credential.lastError ?? 'Signed out; connect the account again.'}
            </span>
          ) : null}
        </td>
        <td className="actions-cell">
          <div className="row-actions">
            {canReconnect(credential, typeInfo) ? (
              <ReconnectButton
                credential={credential}
                typeInfo={typeInfo}
                size="sm"
                onError={setReconnectError}
              />
            ) : null}
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={test}
              disabled={testing}
            >
              <Icon name="zap" size={14} />
              {testing ? 'Testing…' : 'Test'}
            </button>
            <Link
              to={paths.credential(credential.id)}
              className="btn btn-ghost btn-sm btn-icon"
              aria-label={`Edit ${credential.name}`}
              title="Edit"
            >
              <Icon name="edit" size={16} />
            </Link>
            <button
              type="button"
              className="btn btn-ghost btn-sm btn-icon btn-ghost-danger"
              onClick={onDelete}
              aria-label={`Delete ${credential.name}`}
              title="Delete"
            >
              <Icon name="trash" size={16} />
            </button>
          </div>
        </td>
      </tr>
      {result ? (
        <tr className="detail-row">
          <td colSpan={6}>
            <TestResultNotice result={result} onDismiss={() => setResult(undefined)} />
          </td>
        </tr>
      ) : null}
      {reconnectError ? (
        <tr className="detail-row">
          <td colSpan={6}>
            <ErrorNotice
              error={reconnectError}
              title={`Could not reconnect “${credential.name}”`}
              onDismiss={() => setReconnectError(undefined)}
            />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

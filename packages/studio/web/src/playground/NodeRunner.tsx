import { type FormEvent, useMemo, useRef, useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { getNode, listCredentials, runNode } from '../api/endpoints.js';
import type { RunResult } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { Notice } from '../components/Notice.js';
import { NODE_KIND_LABEL } from '../format/labels.js';
import { toErrorTree } from '../forms/field-errors.js';
import { propertiesOf } from '../forms/hints.js';
import { LazySchemaForm } from '../forms/LazySchemaForm.js';
import type { FormData, SchemaFormHandle } from '../forms/SchemaForm.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';
import { CredentialPicker } from './CredentialPicker.js';
import { RunResultView } from './RunResultView.js';

export function NodeRunner({ nodeKey }: { nodeKey: string }) {
  const node = useApi(() => getNode(nodeKey), [nodeKey]);
  const credentials = useApi(() => listCredentials(), []);
  const form = useRef<SchemaFormHandle>(null);
  const [input, setInput] = useState<FormData>({});
  const [credentialId, setCredentialId] = useState<string>();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RunResult>();

  const usable = useMemo(
    () =>
      (credentials.data ?? []).filter((credential) =>
        node.data?.credentialTypes.includes(credential.type),
      ),
    [credentials.data, node.data],
  );
  // Until the user picks, the first credential that works is used.
  const chosen = credentialId ?? (usable.find((c) => c.status === 'connected') ?? usable[0])?.id;
  const fieldErrors = useMemo(
    () =>
      result && !result.ok && result.error.fields
        ? toErrorTree(result.error.fields, 'input')
        : undefined,
    [result],
  );

  if (node.error)
    return <ErrorNotice error={node.error} title={`Could not load the node “${nodeKey}”`} />;
  if (!node.data) return <Loading rows={4} />;
  const detail = node.data;
  const runnable = detail.kind !== 'webhook';
  const needsCredential = detail.credentialTypes.length > 0;
  const missingCredential = needsCredential && detail.credentialRequired && !chosen;
  const hasFields = Object.keys(propertiesOf(detail.input)).length > 0;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!(form.current?.validate() ?? true) || missingCredential) return;
    setRunning(true);
    try {
      setResult(await runNode(detail.key, { input, ...(chosen ? { credentialId: chosen } : {}) }));
    } catch (failure) {
      setResult({ ok: false, error: toErrorBody(failure), logs: [], durationMs: 0 });
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="runner">
      <header className="runner-head">
        <p className="muted small">
          <Link to={paths.integration(detail.plugin)}>{detail.plugin}</Link> ·{' '}
          <code>{detail.key}</code>
        </p>
        <h2>
          {detail.displayName}{' '}
          <span className={`tag tag-${detail.kind}`}>{NODE_KIND_LABEL[detail.kind]}</span>
        </h2>
        <p className="muted">{detail.description}</p>
      </header>

      {!runnable ? (
        <Notice tone="info" title="Webhook triggers are not run from here">
          <p>
            It starts a workflow when a request reaches its URL. Try an action node instead, or send
            a request to the workflow's webhook once it is deployed.
          </p>
        </Notice>
      ) : (
        <form className="card form-card" onSubmit={run} noValidate>
          {needsCredential ? (
            <CredentialPicker
              credentials={usable}
              value={chosen}
              onChange={setCredentialId}
              required={detail.credentialRequired}
              addLink={paths.newCredential({
                type: detail.credentialTypes[0] ?? '',
                plugin: detail.plugin,
                returnTo: paths.playground(detail.key),
              })}
              loading={credentials.loading && !credentials.data}
            />
          ) : null}
          {hasFields ? (
            <LazySchemaForm
              ref={form}
              idPrefix="input"
              schema={detail.input}
              formData={input}
              onChange={setInput}
              extraErrors={fieldErrors}
              disabled={running}
            />
          ) : (
            <p className="muted">This node takes no input.</p>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={running || missingCredential}
            >
              <Icon name="play" size={14} />
              {running ? 'Running…' : detail.kind === 'polling' ? 'Run one poll' : 'Run'}
            </button>
            {missingCredential ? (
              <span className="small muted">Add a credential to run this node.</span>
            ) : null}
          </div>
        </form>
      )}

      {running ? (
        <section className="card result" aria-live="polite">
          <p className="muted testing-line">
            <span className="spinner" aria-hidden="true" /> Running {detail.displayName}…
          </p>
        </section>
      ) : result ? (
        <RunResultView result={result} />
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { toErrorBody } from '../api/client.js';
import {
  getCredential,
  getCredentialType,
  testCredential,
  updateCredential,
} from '../api/endpoints.js';
import type { ApiErrorBody, TestResult } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { CredentialForm } from '../credentials/CredentialForm.js';
import { DeleteCredentialDialog } from '../credentials/DeleteCredentialDialog.js';
import { setFlash } from '../credentials/flash.js';
import { OAuthStatus } from '../credentials/OAuthStatus.js';
import { canReconnect, ReconnectButton } from '../credentials/ReconnectButton.js';
import { TestResultNotice } from '../credentials/TestResultNotice.js';
import { CREDENTIAL_KIND_LABEL } from '../format/labels.js';
import { Link, navigate } from '../router/router.js';
import { paths } from '../router/routes.js';

export function CredentialEditPage({ id }: { id: string }) {
  const detail = useApi(() => getCredential(id), [id]);
  const type = detail.data?.credential.type;
  const typeInfo = useApi(
    () => (type ? getCredentialType(type) : Promise.resolve(undefined)),
    [type],
  );
  const [savedAt, setSavedAt] = useState<number>();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult>();
  const [deleting, setDeleting] = useState(false);
  const [reconnectError, setReconnectError] = useState<ApiErrorBody>();

  const back = (
    <Link to={paths.credentials()} className="back-link">
      <Icon name="back" size={16} />
      Credentials
    </Link>
  );
  const error = detail.error ?? typeInfo.error;
  if (error) {
    return (
      <>
        <PageHeader before={back} title="Credential" />
        <ErrorNotice error={error} title="Could not load this credential" />
      </>
    );
  }
  if (!detail.data || !typeInfo.data) {
    return (
      <>
        <PageHeader before={back} title="Credential" />
        <Loading rows={4} />
      </>
    );
  }
  const { credential, data, secretFields } = detail.data;
  const info = typeInfo.data;

  const test = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      setResult(await testCredential(credential.id));
    } catch (failure) {
      setResult({ ok: false, error: toErrorBody(failure) });
    } finally {
      setTesting(false);
      detail.reload();
    }
  };

  return (
    <>
      <PageHeader
        before={back}
        title={credential.name}
        description={
          <span className="header-meta">
            <StatusBadge status={credential.status} />
            <span>
              {info.displayName} · {CREDENTIAL_KIND_LABEL[info.kind]}
            </span>
            <Link to={paths.integration(info.plugin)}>{info.plugin}</Link>
          </span>
        }
        actions={
          <>
            {canReconnect(credential, info) ? (
              <ReconnectButton
                credential={credential}
                typeInfo={info}
                onError={setReconnectError}
              />
            ) : null}
            <button type="button" className="btn btn-secondary" onClick={test} disabled={testing}>
              <Icon name="zap" size={16} />
              {testing ? 'Testing…' : 'Test connection'}
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-ghost-danger"
              onClick={() => setDeleting(true)}
            >
              <Icon name="trash" size={16} />
              Delete
            </button>
          </>
        }
      />
      <div className="form-layout">
        {reconnectError ? (
          <ErrorNotice
            error={reconnectError}
            title="Could not reconnect"
            onDismiss={() => setReconnectError(undefined)}
          />
        ) : null}
        {result ? (
          <TestResultNotice result={result} onDismiss={() => setResult(undefined)} />
        ) : null}
        {savedAt ? (
          <Notice tone="success" title="Changes saved" onDismiss={() => setSavedAt(undefined)}>
            <p>Test the connection to check the new values.</p>
          </Notice>
        ) : null}
        {credential.lastError && credential.status !== 'connected' && !result ? (
          <Notice tone="warning" title="This credential has a problem">
            <p>{credential.lastError}</p>
            {canReconnect(credential, info) ? (
              <p className="notice-hint">
                Reconnect to sign in again; the saved client ID and secret are used.
              </p>
            ) : null}
          </Notice>
        ) : null}
        {credential.oauth ? <OAuthStatus oauth={credential.oauth} /> : null}
        <CredentialForm
          // A save changes updatedAt; the form then starts again from what the server now holds.
          key={credential.updatedAt}
          typeInfo={info}
          initialName={credential.name}
          initialData={data}
          savedSecrets={secretFields}
          submitLabel="Save changes"
          busyLabel="Saving…"
          onSubmit={async (name, changed) => {
            await updateCredential(credential.id, { name, data: changed });
            setSavedAt(Date.now());
            setResult(undefined);
            detail.reload();
          }}
          secondary={
            <Link to={paths.credentials()} className="btn btn-ghost">
              Cancel
            </Link>
          }
        />
      </div>
      {deleting ? (
        <DeleteCredentialDialog
          credential={credential}
          onCancel={() => setDeleting(false)}
          onDeleted={(outcome) => {
            setFlash({ kind: 'deleted', ...outcome });
            navigate(paths.credentials());
          }}
        />
      ) : null}
    </>
  );
}

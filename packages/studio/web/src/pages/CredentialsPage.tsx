import { useEffect, useMemo, useState } from 'react';
import { listCredentials, listPlugins } from '../api/endpoints.js';
import type { CredentialSummary } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { CredentialTable } from '../credentials/CredentialTable.js';
import {
  DeleteCredentialDialog,
  type DeleteOutcome,
} from '../credentials/DeleteCredentialDialog.js';
import { clearFlash, peekFlash } from '../credentials/flash.js';
import { useCredentialTypes } from '../credentials/use-credential-types.js';
import { Link, navigate } from '../router/router.js';
import { paths } from '../router/routes.js';

export function CredentialsPage({ connected }: { connected: string | undefined }) {
  const credentials = useApi(() => listCredentials(), []);
  const plugins = useApi(listPlugins, []);
  const types = useCredentialTypes(credentials.data?.map((credential) => credential.type) ?? []);
  const [connectedId, setConnectedId] = useState(connected);
  const [deleting, setDeleting] = useState<CredentialSummary>();
  const [deleted, setDeleted] = useState<DeleteOutcome | undefined>(() => peekFlash());
  useEffect(clearFlash, []);

  // The OAuth callback lands on /credentials?connected=<id>; the notice stays, the query goes,
  // so a reload does not announce it again.
  useEffect(() => {
    if (connected) {
      setConnectedId(connected);
      navigate(paths.credentials(), { replace: true });
    }
  }, [connected]);

  const pluginsByName = useMemo(
    () => new Map((plugins.data ?? []).map((plugin) => [plugin.name, plugin])),
    [plugins.data],
  );
  const connectedCredential = credentials.data?.find((credential) => credential.id === connectedId);

  return (
    <>
      <PageHeader
        title="Credentials"
        description="Saved logins, tokens and OAuth connections. Secrets are stored encrypted and never shown again."
        actions={
          credentials.data && credentials.data.length > 0 ? (
            <Link to={paths.newCredential()} className="btn btn-primary">
              <Icon name="plus" />
              Add credential
            </Link>
          ) : null
        }
      />
      {connectedId ? (
        <Notice tone="success" title="Connected" onDismiss={() => setConnectedId(undefined)}>
          <p>
            {connectedCredential ? `“${connectedCredential.name}” is` : 'The account is'} connected;
            knotwork keeps its tokens fresh from now on.
          </p>
        </Notice>
      ) : null}
      {deleted ? (
        <Notice
          tone="success"
          title={`Deleted “${deleted.name}”`}
          onDismiss={() => setDeleted(undefined)}
        >
          {deleted.revoked === true ? <p>Its OAuth tokens were revoked at the provider.</p> : null}
          {deleted.revoked === false ? (
            <p>
              The provider did not confirm revoking its tokens; remove the app's access in the
              provider's settings.
            </p>
          ) : null}
        </Notice>
      ) : null}
      {credentials.error ? (
        <ErrorNotice error={credentials.error} title="Could not load the credentials" />
      ) : null}
      {credentials.loading && !credentials.data ? (
        <Loading label="Loading credentials…" rows={4} />
      ) : null}
      {credentials.data && credentials.data.length === 0 ? (
        <EmptyState
          icon="key"
          title="No credentials yet"
          action={
            <Link to={paths.integrations()} className="btn btn-primary">
              Browse integrations
            </Link>
          }
        >
          Pick an integration and set it up: a credential is how knotwork signs in to a service for
          you.
        </EmptyState>
      ) : null}
      {credentials.data && credentials.data.length > 0 ? (
        <CredentialTable
          credentials={credentials.data}
          plugins={pluginsByName}
          types={types}
          onChanged={credentials.reload}
          onDelete={setDeleting}
        />
      ) : null}
      {deleting ? (
        <DeleteCredentialDialog
          credential={deleting}
          onCancel={() => setDeleting(undefined)}
          onDeleted={(outcome) => {
            setDeleting(undefined);
            setDeleted(outcome);
            credentials.reload();
          }}
        />
      ) : null}
    </>
  );
}

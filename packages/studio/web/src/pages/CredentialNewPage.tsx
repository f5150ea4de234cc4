import { useEffect, useState } from 'react';
import { getCredentialType, getPlugin, listCredentials } from '../api/endpoints.js';
import type { CredentialSummary } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { PageHeader } from '../components/PageHeader.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { NewCredentialForm } from '../credentials/NewCredentialForm.js';
import { SavedPanel } from '../credentials/SavedPanel.js';
import { ServicePicker } from '../credentials/ServicePicker.js';
import { TypeChoice } from '../credentials/TypeChoice.js';
import { Link, navigate } from '../router/router.js';
import { paths, type Route } from '../router/routes.js';

type NewRoute = Extract<Route, { page: 'credential-new' }>;

/** Adding a credential: pick the service, then how to connect, then fill in its form. */
export function CredentialNewPage({ route }: { route: NewRoute }) {
  const { plugin, type, returnTo } = route;
  const [saved, setSaved] = useState<CredentialSummary>();

  // A link that names only the type (the playground's "add one") learns its plugin first.
  const typeOnly = useApi(
    () => (type && !plugin ? getCredentialType(type) : Promise.resolve(undefined)),
    [type, plugin],
  );
  useEffect(() => {
    if (typeOnly.data) {
      navigate(
        paths.newCredential({
          plugin: typeOnly.data.plugin,
          type: typeOnly.data.type,
          ...(returnTo ? { returnTo } : {}),
        }),
        {
          replace: true,
        },
      );
    }
  }, [typeOnly.data, returnTo]);

  const detail = useApi(() => (plugin ? getPlugin(plugin) : Promise.resolve(undefined)), [plugin]);
  const existing = useApi(() => listCredentials(), []);

  const back = (
    <Link
      to={returnTo ?? (plugin ? paths.integration(plugin) : paths.credentials())}
      className="back-link"
    >
      <Icon name="back" size={16} />
      {returnTo ? 'Back' : plugin ? (detail.data?.plugin.displayName ?? plugin) : 'Credentials'}
    </Link>
  );

  if (!plugin) {
    return (
      <>
        <PageHeader
          before={back}
          title="Add a credential"
          description="Which service should knotwork sign in to?"
        />
        {typeOnly.error ? (
          <ErrorNotice error={typeOnly.error} title={`Unknown credential type “${type}”`} />
        ) : null}
        {type && !typeOnly.error ? <Loading rows={2} /> : <ServicePicker />}
      </>
    );
  }

  const error = detail.error;
  // The suggested name avoids taken ones, so the form waits for the list (or its failure).
  const data = existing.data || existing.error ? detail.data : undefined;
  const selected =
    data?.credentialTypes.find((candidate) => candidate.type === type) ?? data?.credentialTypes[0];

  return (
    <>
      <PageHeader
        before={back}
        title={
          data ? (
            <span className="title-with-icon">
              <PluginIcon icon={data.plugin.icon} name={data.plugin.displayName} size="lg" />
              Connect {data.plugin.displayName}
            </span>
          ) : (
            'Add a credential'
          )
        }
        description={
          saved
            ? undefined
            : 'Secrets are stored encrypted on this machine and never shown again after saving.'
        }
      />
      {error ? <ErrorNotice error={error} title={`Could not load “${plugin}”`} /> : null}
      {!data && !error ? <Loading rows={3} /> : null}
      {data && !selected ? (
        <p className="muted">{data.plugin.displayName} needs no credential.</p>
      ) : null}
      {data && selected && saved ? (
        <SavedPanel credential={saved} plugin={data} returnTo={returnTo} />
      ) : null}
      {data && selected && !saved ? (
        <div className="form-layout">
          {data.credentialTypes.length > 1 ? (
            <TypeChoice
              types={data.credentialTypes}
              selected={selected.type}
              onSelect={(next) =>
                navigate(
                  paths.newCredential({ plugin, type: next, ...(returnTo ? { returnTo } : {}) }),
                  { replace: true },
                )
              }
            />
          ) : null}
          <NewCredentialForm
            key={selected.type}
            typeInfo={selected}
            existingNames={existing.data?.map((credential) => credential.name) ?? []}
            onSaved={setSaved}
          />
        </div>
      ) : null}
    </>
  );
}

import { useId, useMemo, useState } from 'react';
import { listPlugins } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { filterCatalog } from '../integrations/catalog-filter.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

/** The services that take a credential, as a searchable list of links. */
export function ServicePicker() {
  const plugins = useApi(listPlugins, []);
  const searchId = useId();
  const [query, setQuery] = useState('');
  const withCredentials = useMemo(
    () =>
      (plugins.data ?? [])
        .filter((plugin) => plugin.credentialTypes.length > 0)
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [plugins.data],
  );
  const shown = filterCatalog(withCredentials, query, undefined);

  if (plugins.error)
    return <ErrorNotice error={plugins.error} title="Could not load the integrations" />;
  if (!plugins.data) return <Loading rows={4} />;
  return (
    <>
      <div className="toolbar">
        <div className="search">
          <label htmlFor={searchId} className="visually-hidden">
            Search services
          </label>
          <Icon name="search" className="search-icon" />
          <input
            id={searchId}
            type="search"
            className="form-control"
            placeholder="Search services"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
      </div>
      <ul className="service-list">
        {shown.map((plugin) => (
          <li key={plugin.name}>
            <Link to={paths.newCredential({ plugin: plugin.name })} className="card service-option">
              <PluginIcon icon={plugin.icon} name={plugin.displayName} />
              <span>
                <strong>{plugin.displayName}</strong>
                <span className="muted small">{plugin.categories.join(' · ')}</span>
              </span>
              <Icon name="chevron" className="rotate-left" />
            </Link>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted">No service matches “{query}”.</p> : null}
    </>
  );
}

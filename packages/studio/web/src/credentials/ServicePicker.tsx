import { useMemo, useState } from 'react';
import { listPlugins } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { SearchBox } from '../components/SearchBox.js';
import { filterCatalog } from '../integrations/catalog-filter.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

/** The services that take a credential, as a searchable list of links. */
export function ServicePicker() {
  const plugins = useApi(listPlugins, []);
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
        <SearchBox label="Search services" value={query} onChange={setQuery} />
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

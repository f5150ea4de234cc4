import { useMemo, useState } from 'react';
import { listPlugins } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { PageHeader } from '../components/PageHeader.js';
import { SearchBox } from '../components/SearchBox.js';
import { count } from '../format/labels.js';
import { categoriesOf, categoryKey, filterCatalog } from '../integrations/catalog-filter.js';
import { GettingStarted } from '../integrations/GettingStarted.js';
import { PluginCardView } from '../integrations/PluginCardView.js';

export function IntegrationsPage() {
  const plugins = useApi(listPlugins, []);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string>();

  const sorted = useMemo(
    () => [...(plugins.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [plugins.data],
  );
  const categories = useMemo(() => categoriesOf(sorted), [sorted]);
  const shown = useMemo(() => filterCatalog(sorted, query, category), [sorted, query, category]);
  const nothingSetUp = sorted.length > 0 && sorted.every((plugin) => plugin.credentialCount === 0);

  return (
    <>
      <PageHeader
        title="Integrations"
        description="The services your workflows can talk to. Pick one to see what it does and connect your account."
      />
      {nothingSetUp ? <GettingStarted /> : null}
      <div className="toolbar">
        <SearchBox label="Search integrations" value={query} onChange={setQuery} />
        {categories.length > 1 ? (
          <fieldset className="chips">
            <legend className="visually-hidden">Category</legend>
            <button
              type="button"
              className="chip"
              aria-pressed={category === undefined}
              onClick={() => setCategory(undefined)}
            >
              All
            </button>
            {categories.map((name) => (
              <button
                key={categoryKey(name)}
                type="button"
                className="chip"
                aria-pressed={category !== undefined && categoryKey(category) === categoryKey(name)}
                onClick={() => setCategory(name)}
              >
                {name}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>

      {plugins.error ? (
        <ErrorNotice error={plugins.error} title="Could not load the integrations" />
      ) : null}
      {plugins.loading && !plugins.data ? <Loading label="Loading integrations…" rows={6} /> : null}
      {plugins.data ? (
        <>
          <p className="result-count" aria-live="polite">
            {shown.length === sorted.length
              ? count(sorted.length, 'integration')
              : `${shown.length} of ${count(sorted.length, 'integration')}`}
          </p>
          {shown.length > 0 ? (
            <ul className="card-grid">
              {shown.map((plugin) => (
                <li key={plugin.name}>
                  <PluginCardView plugin={plugin} />
                </li>
              ))}
            </ul>
          ) : sorted.length === 0 ? (
            <EmptyState icon="plug" title="No integrations installed">
              Install a plugin package next to knotwork, e.g.{' '}
              <code>npm install @knotwork/plugin-slack</code>, then restart{' '}
              <code>knotwork serve</code>.
            </EmptyState>
          ) : (
            <EmptyState
              icon="search"
              title="No integration matches"
              action={
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => {
                    setQuery('');
                    setCategory(undefined);
                  }}
                >
                  Show all integrations
                </button>
              }
            >
              Nothing is called “{query}”{category ? ` in ${category}` : ''}.
            </EmptyState>
          )}
        </>
      ) : null}
    </>
  );
}

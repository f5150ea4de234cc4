import { getNode, getPlugin, listCredentials } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Icon } from '../components/Icon.js';
import { Loading } from '../components/Loading.js';
import { PageHeader } from '../components/PageHeader.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { docsHref } from '../format/docs.js';
import { count } from '../format/labels.js';
import { CredentialTypeCard } from '../integrations/CredentialTypeCard.js';
import { NodeCard } from '../integrations/NodeCard.js';
import { PluginDocs } from '../integrations/PluginDocs.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

export function IntegrationPage({ name }: { name: string }) {
  const detail = useApi(() => getPlugin(name), [name]);
  const credentials = useApi(() => listCredentials(), []);
  const nodeKeys = detail.data?.nodes.map((node) => node.key).join(',') ?? '';
  const nodes = useApi(
    () => Promise.all(nodeKeys ? nodeKeys.split(',').map((key) => getNode(key)) : []),
    [nodeKeys],
  );

  const back = (
    <Link to={paths.integrations()} className="back-link">
      <Icon name="back" size={16} />
      Integrations
    </Link>
  );
  if (detail.error) {
    return (
      <>
        <PageHeader before={back} title="Integration" />
        <ErrorNotice error={detail.error} title={`Could not load “${name}”`} />
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        <PageHeader before={back} title={name} />
        <Loading rows={4} />
      </>
    );
  }

  const { plugin, credentialTypes } = detail.data;
  const firstType = credentialTypes[0];
  const docs = docsHref(plugin.docsUrl);
  const savedCount = (type: string) =>
    (credentials.data ?? []).filter((credential) => credential.type === type).length;

  return (
    <>
      <PageHeader
        before={back}
        title={
          <span className="title-with-icon">
            <PluginIcon icon={plugin.icon} name={plugin.displayName} size="lg" />
            {plugin.displayName}
          </span>
        }
        description={plugin.description}
        actions={
          firstType ? (
            <Link
              to={paths.newCredential({ plugin: plugin.name, type: firstType.type })}
              className="btn btn-primary"
            >
              <Icon name="plus" />
              {plugin.credentialCount > 0 ? 'Add another credential' : 'Set up'}
            </Link>
          ) : null
        }
      />
      <dl className="meta-row">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={plugin.status} />
          </dd>
        </div>
        <div>
          <dt>Categories</dt>
          <dd>{plugin.categories.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{plugin.version}</dd>
        </div>
        <div>
          <dt>Docs</dt>
          <dd>
            {docs ? (
              <a href={docs} target="_blank" rel="noreferrer">
                Documentation <Icon name="external" size={14} />
              </a>
            ) : plugin.docsUrl ? (
              <>
                <a href="#docs-title">README below</a> ·{' '}
                <code title="In the knotwork repository">{plugin.docsUrl}</code>
              </>
            ) : (
              <a href="#docs-title">README below</a>
            )}
          </dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="connect-title">
        <div className="section-head">
          <h2 id="connect-title">Ways to connect</h2>
          <p className="muted">
            {credentialTypes.length === 0
              ? 'This integration needs no credential.'
              : `${count(credentialTypes.length, 'kind')} of credential. Pick the one you have.`}
          </p>
        </div>
        <div className="stack">
          {credentialTypes.map((type) => (
            <CredentialTypeCard key={type.type} info={type} saved={savedCount(type.type)} />
          ))}
        </div>
      </section>

      <section className="section" aria-labelledby="nodes-title">
        <div className="section-head">
          <h2 id="nodes-title">Nodes</h2>
          <p className="muted">What a workflow can do with {plugin.displayName}.</p>
        </div>
        {nodes.error ? (
          <ErrorNotice error={nodes.error} title="Could not load the nodes' fields" />
        ) : null}
        <div className="stack">
          {detail.data.nodes.map((node) => (
            <NodeCard
              key={node.key}
              node={node}
              detail={nodes.data?.find((candidate) => candidate.key === node.key)}
            />
          ))}
        </div>
      </section>

      <section className="section" aria-labelledby="docs-title">
        <div className="section-head">
          <h2 id="docs-title">Documentation</h2>
          <p className="muted">The README that comes with {plugin.displayName}.</p>
        </div>
        <PluginDocs name={plugin.name} docsUrl={plugin.docsUrl} />
      </section>
    </>
  );
}

import { getPlugin, listPlugins } from '../api/endpoints.js';
import { useApi } from '../api/use-api.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { PageHeader } from '../components/PageHeader.js';
import { NodePicker } from '../playground/NodePicker.js';
import { NodeRunner } from '../playground/NodeRunner.js';

async function loadGroups() {
  const plugins = await listPlugins();
  const details = await Promise.all(plugins.map((plugin) => getPlugin(plugin.name)));
  return details
    .map((detail) => ({ plugin: detail.plugin, nodes: detail.nodes }))
    .filter((group) => group.nodes.length > 0)
    .sort((a, b) => a.plugin.displayName.localeCompare(b.plugin.displayName));
}

/** Run one node by hand: pick it, pick a credential, fill in its input, see what comes back. */
export function PlaygroundPage({ nodeKey }: { nodeKey: string | undefined }) {
  const groups = useApi(loadGroups, []);
  return (
    <>
      <PageHeader
        title="Playground"
        description="Run a single node with a saved credential and see exactly what it returns."
      />
      {groups.error ? <ErrorNotice error={groups.error} title="Could not load the nodes" /> : null}
      <div className="playground">
        <aside className="playground-picker">
          {groups.data ? (
            <NodePicker groups={groups.data} selected={nodeKey} />
          ) : groups.error ? null : (
            <Loading rows={6} />
          )}
        </aside>
        <div className="playground-main">
          {nodeKey ? (
            <NodeRunner key={nodeKey} nodeKey={nodeKey} />
          ) : (
            <div className="playground-hint">
              <EmptyState icon="play" title="Pick a node to try">
                Choose an action from the list, for example <strong>Slack → Send Message</strong>.
                You will need a saved credential for its service.
              </EmptyState>
            </div>
          )}
        </div>
      </div>
    </>
  );
}

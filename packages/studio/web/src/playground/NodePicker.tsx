import { useEffect, useId, useRef, useState } from 'react';
import type { NodeSummary, PluginCard } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { SearchBox } from '../components/SearchBox.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';
import { filterGroups, type PickerGroup } from './node-groups.js';

/**
 * Every node, grouped by plugin and searchable. On a narrow screen it folds away once a
 * node is chosen, so the form comes first.
 */
export function NodePicker({
  groups,
  selected,
}: {
  groups: { plugin: PluginCard; nodes: NodeSummary[] }[];
  selected: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const shown = filterGroups(groups as PickerGroup<NodeSummary>[], query);
  const bodyId = useId();
  const [open, setOpen] = useState(!selected);
  const selectedNode = groups.flatMap((group) => group.nodes).find((node) => node.key === selected);
  const list = useRef<HTMLElement>(null);
  useEffect(() => setOpen(!selected), [selected]);
  // A deep link to a node far down the list shows it; only the list scrolls, not the page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection changes
  useEffect(() => {
    const container = list.current;
    const active = container?.querySelector<HTMLElement>('.picker-node.active');
    if (!container || !active) return;
    const top = active.offsetTop - container.offsetTop;
    if (
      top < container.scrollTop ||
      top > container.scrollTop + container.clientHeight - active.offsetHeight
    ) {
      container.scrollTop = top - container.clientHeight / 3;
    }
  }, [selected]);

  return (
    <div className="picker">
      {/* Only shown on narrow screens, where the list would push the form out of sight. */}
      <button
        type="button"
        className="picker-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="picker-toggle-text">
          <span className="muted small">Node</span>
          <strong>{selectedNode ? selectedNode.displayName : 'Choose a node'}</strong>
        </span>
        <Icon name="chevron" className={open ? 'flip' : undefined} />
      </button>
      <div className={open ? 'picker-body open' : 'picker-body'} id={bodyId}>
        <SearchBox label="Search nodes" value={query} onChange={setQuery} />
        <nav aria-label="Nodes" className="picker-groups" ref={list}>
          {shown.map((group) => (
            <section key={group.plugin.name} className="picker-group">
              <h2 className="picker-group-title">
                <PluginIcon icon={group.plugin.icon} name={group.plugin.displayName} size="sm" />
                {group.plugin.displayName}
              </h2>
              <ul>
                {group.nodes.map((node) => (
                  <li key={node.key}>
                    <Link
                      to={paths.playground(node.key)}
                      className={node.key === selected ? 'picker-node active' : 'picker-node'}
                      aria-current={node.key === selected ? 'page' : undefined}
                    >
                      {node.displayName}
                      {node.kind !== 'action' ? (
                        <span className="tag">{node.kind === 'polling' ? 'poll' : 'trigger'}</span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {shown.length === 0 ? (
            <p className="muted small picker-empty">No node matches “{query}”.</p>
          ) : null}
        </nav>
      </div>
    </div>
  );
}

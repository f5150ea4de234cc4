import type { PluginCard } from '../api/types.js';
import { PluginIcon } from '../components/PluginIcon.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { count } from '../format/labels.js';
import { Link } from '../router/router.js';
import { paths } from '../router/routes.js';

export function PluginCardView({ plugin }: { plugin: PluginCard }) {
  return (
    <Link to={paths.integration(plugin.name)} className="card plugin-card">
      <div className="plugin-card-head">
        <PluginIcon icon={plugin.icon} name={plugin.displayName} />
        <div className="plugin-card-title">
          <h2>{plugin.displayName}</h2>
          <p className="muted small">{plugin.categories.join(' · ')}</p>
        </div>
      </div>
      <p className="plugin-card-description">{plugin.description}</p>
      <div className="plugin-card-foot">
        <span className="muted small">{count(plugin.nodeCount, 'node')}</span>
        <StatusBadge status={plugin.status} />
      </div>
    </Link>
  );
}

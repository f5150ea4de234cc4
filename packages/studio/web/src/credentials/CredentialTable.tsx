import type { CredentialSummary, CredentialTypeInfo, PluginCard } from '../api/types.js';
import { CredentialRow } from './CredentialRow.js';

export function CredentialTable({
  credentials,
  plugins,
  types,
  onChanged,
  onDelete,
}: {
  credentials: CredentialSummary[];
  plugins: Map<string, PluginCard>;
  types: Map<string, CredentialTypeInfo>;
  onChanged: () => void;
  onDelete: (credential: CredentialSummary) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table credential-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Service</th>
            <th scope="col" className="optional-column">
              Created
            </th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        {credentials.map((credential) => (
          <CredentialRow
            key={credential.id}
            credential={credential}
            plugin={plugins.get(credential.service)}
            typeInfo={types.get(credential.type)}
            onChanged={onChanged}
            onDelete={() => onDelete(credential)}
          />
        ))}
      </table>
    </div>
  );
}

import { getRedirectUri } from '../api/endpoints.js';
import type { CredentialTypeInfo } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { CopyField } from '../components/CopyField.js';

/** What to register with the provider before connecting: the redirect URI, and the scopes asked for. */
export function OAuthSetup({ typeInfo }: { typeInfo: CredentialTypeInfo }) {
  const redirect = useApi(getRedirectUri, []);
  const provider = typeInfo.oauth?.displayName ?? 'the provider';
  const scopes = typeInfo.oauth?.scopes ?? [];
  return (
    <div className="oauth-setup">
      <h3>Before you connect</h3>
      <p className="muted">
        Add this redirect URI to your app's settings at {provider}; it sends you back here after you
        approve access.
      </p>
      {redirect.data ? <CopyField label="Redirect URI" value={redirect.data} /> : null}
      {redirect.error ? (
        <p className="field-note field-note-error">{redirect.error.message}</p>
      ) : null}
      {scopes.length > 0 ? (
        <p className="small muted">
          knotwork will ask for:{' '}
          {scopes.map((scope) => (
            <code key={scope} className="scope">
              {scope}
            </code>
          ))}
        </p>
      ) : null}
    </div>
  );
}

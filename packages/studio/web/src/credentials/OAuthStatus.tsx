import type { CredentialSummary } from '../api/types.js';
import { formatExact, formatRelative } from '../format/time.js';

/** The OAuth connection as the store knows it: never the tokens themselves. */
export function OAuthStatus({ oauth }: { oauth: NonNullable<CredentialSummary['oauth']> }) {
  return (
    <dl className="card meta-grid">
      <div>
        <dt>Account</dt>
        <dd>{oauth.connected ? 'Connected' : 'Not connected yet'}</dd>
      </div>
      <div>
        <dt>Access token</dt>
        <dd title={formatExact(oauth.expiresAt)}>
          {oauth.expiresAt
            ? `${Date.parse(oauth.expiresAt) < Date.now() ? 'expired' : 'expires'} ${formatRelative(oauth.expiresAt)}`
            : oauth.connected
              ? 'does not expire'
              : '—'}
        </dd>
      </div>
      <div>
        <dt>Refresh</dt>
        <dd>{oauth.hasRefreshToken ? 'renewed automatically' : 'no refresh token'}</dd>
      </div>
      <div>
        <dt>Scopes</dt>
        <dd>
          {oauth.scopes
            ? oauth.scopes.split(/[\s,]+/).map((scope) => (
                <code key={scope} className="scope">
                  {scope}
                </code>
              ))
            : '—'}
        </dd>
      </div>
    </dl>
  );
}

import type { CredentialSummary } from '@knotwork/credentials';
import type { ConnectionStatus, CredentialWithStatus } from './api-schemas.js';

/**
 * One credential: an OAuth one never connected is not set up yet; one whose access token
 * ran out with no refresh token to renew it is expired; one whose last test, refresh or
 * connect failed is failing; the rest are connected.
 */
export function credentialStatus(
  credential: CredentialSummary,
  now = Date.now(),
): ConnectionStatus {
  if (credential.kind === 'oauth2') {
    const oauth = credential.oauth;
    if (!oauth?.connected) return credential.isValid ? 'not_set_up' : 'failing';
    if (oauth.expiresAt !== null && Date.parse(oauth.expiresAt) <= now && !oauth.hasRefreshToken) {
      return 'expired';
    }
  }
  return credential.isValid ? 'connected' : 'failing';
}

/** A plugin is as good as its best saved credential. */
export function pluginStatus(credentials: CredentialSummary[], now = Date.now()): ConnectionStatus {
  const statuses = credentials.map((credential) => credentialStatus(credential, now));
  if (statuses.length === 0 || statuses.every((status) => status === 'not_set_up')) {
    return 'not_set_up';
  }
  if (statuses.includes('connected')) return 'connected';
  if (statuses.includes('expired')) return 'expired';
  return 'failing';
}

export function withStatus(credential: CredentialSummary): CredentialWithStatus {
  return { ...credential, status: credentialStatus(credential) };
}

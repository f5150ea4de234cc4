import type { OAuthTokenSet } from '@knotwork/sdk';
import { credentialsError } from './errors.js';
import type { CredentialsManager } from './manager.js';
import type { OAuthConnections } from './oauth-connections.js';
import type { OAuthTokens } from './types.js';

/** What the host's CredentialResolver returns (kept structural: this package does not import the host). */
export interface ResolvedForHost {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
  token?: OAuthTokenSet;
  refresh?: () => Promise<OAuthTokenSet | undefined>;
  /** When a person last changed it: the host rebuilds connection pools made from older data. */
  revision: string;
}

/** last_used_at is a hint for people, not an audit log: one write per credential per interval. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves a saved credential by name or id for a node run: decrypted data, and for OAuth2
 * a token refreshed before it expires, plus the hook the host calls once when the provider
 * says the token expired anyway.
 */
export function credentialResolver(manager: CredentialsManager, connections: OAuthConnections) {
  const touchedAt = new Map<string, number>();
  return async (reference: string): Promise<ResolvedForHost> => {
    // The same data object while the credential is unchanged: the host parses it once.
    const credential = await manager.getCredentialForRun(reference);
    const { summary } = credential;
    const now = Date.now();
    if ((touchedAt.get(summary.id) ?? 0) + TOUCH_INTERVAL_MS <= now) {
      touchedAt.set(summary.id, now);
      await manager.touch(summary.id);
    }
    const resolved: ResolvedForHost = {
      id: summary.id,
      name: summary.name,
      type: summary.type,
      data: credential.data,
      revision: summary.updatedAt,
    };
    if (summary.kind !== 'oauth2') return resolved;
    if (!summary.isValid) {
      throw credentialsError(
        'reconnect_required',
        `Credential "${summary.name}" needs reconnecting${summary.lastError ? `: ${summary.lastError}` : ''}`,
        `Reconnect it: knotwork credentials connect ${summary.type} --name ${summary.name}`,
      );
    }
    let tokens = await connections.freshTokens(credential);
    resolved.token = tokenSet(tokens);
    resolved.refresh = async () => {
      tokens = await connections.freshTokens(credential, {
        force: true,
        rejectedAccessToken: tokens.accessToken,
      });
      return tokenSet(tokens);
    };
    return resolved;
  };
}

function tokenSet(tokens: OAuthTokens): OAuthTokenSet {
  return {
    accessToken: tokens.accessToken,
    ...(tokens.tokenType ? { tokenType: tokens.tokenType } : {}),
    ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
    ...(tokens.scope ? { scope: tokens.scope } : {}),
  };
}

import type { CredentialKind } from '@knotwork/sdk';
import type { CredentialRecord } from './store/credential-store.js';
import type { CredentialSummary } from './types.js';

const KINDS: readonly CredentialKind[] = ['apiKey', 'oauth2', 'basicAuth', 'custom'];

/** A stored record as lists show it: no secret, and the OAuth state for OAuth2 credentials. */
export function toSummary(record: CredentialRecord): CredentialSummary {
  const kind = KINDS.find((candidate) => candidate === record.kind) ?? 'custom';
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    service: record.service,
    kind,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastUsedAt: record.lastUsedAt,
    isValid: record.isValid,
    lastError: record.lastError,
    lastTestedAt: record.lastTestedAt,
    ...(kind === 'oauth2'
      ? {
          oauth: {
            connected: record.tokens?.hasAccessToken ?? false,
            expiresAt: record.tokens?.expiresAt ?? null,
            scopes: record.tokens?.scopes ?? null,
            hasRefreshToken: record.tokens?.hasRefreshToken ?? false,
          },
        }
      : {}),
  };
}

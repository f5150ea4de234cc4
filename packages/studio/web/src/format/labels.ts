import type { ConnectionStatus, CredentialKind, NodeKind } from '../api/types.js';

export const STATUS_LABEL: Record<ConnectionStatus, string> = {
  not_set_up: 'Not set up',
  connected: 'Connected',
  failing: 'Failing',
  expired: 'Expired',
};

export const CREDENTIAL_KIND_LABEL: Record<CredentialKind, string> = {
  apiKey: 'API key',
  oauth2: 'OAuth2',
  basicAuth: 'Username & password',
  custom: 'Custom',
};

export const NODE_KIND_LABEL: Record<NodeKind, string> = {
  action: 'Action',
  polling: 'Polling trigger',
  webhook: 'Webhook trigger',
};

/** "1 node", "3 nodes". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

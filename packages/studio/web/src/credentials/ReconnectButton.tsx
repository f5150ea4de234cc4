import { useState } from 'react';
import { toErrorBody } from '../api/client.js';
import { reconnectOAuth } from '../api/endpoints.js';
import type { ApiErrorBody, CredentialSummary, CredentialTypeInfo } from '../api/types.js';
import { Icon } from '../components/Icon.js';

/** Whether a credential can be signed in again: OAuth2 with a sign-in page. */
export function canReconnect(
  credential: CredentialSummary,
  typeInfo: CredentialTypeInfo | undefined,
): boolean {
  return credential.kind === 'oauth2' && typeInfo?.oauth?.grant !== 'client_credentials';
}

/**
 * Sends the browser to the provider's sign-in page for a saved OAuth2 credential. The
 * server starts it with the client id and secret it holds, so nothing needs retyping; the
 * provider sends the browser back to /credentials?connected=<id>.
 */
export function ReconnectButton({
  credential,
  typeInfo,
  size,
  onError,
}: {
  credential: CredentialSummary;
  typeInfo: CredentialTypeInfo | undefined;
  size?: 'sm';
  onError: (error: ApiErrorBody | undefined) => void;
}) {
  const [busy, setBusy] = useState(false);
  const provider = typeInfo?.oauth?.displayName ?? 'the provider';
  // A connection that no longer works is the reason to press it: then it leads the row.
  const tone = credential.status === 'connected' ? 'btn-secondary' : 'btn-primary';

  const reconnect = async () => {
    setBusy(true);
    onError(undefined);
    try {
      const { authorizationUrl } = await reconnectOAuth(credential.id);
      if (!authorizationUrl) throw new Error(`${provider} has no sign-in page for this credential`);
      window.location.assign(authorizationUrl);
    } catch (failure) {
      onError(toErrorBody(failure));
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className={`btn ${tone}${size ? ` btn-${size}` : ''}`}
      onClick={reconnect}
      disabled={busy}
      title={`Sign in to ${provider} again with the saved client`}
    >
      <Icon name="refresh" size={size ? 14 : 16} />
      {busy ? `Opening ${provider}…` : credential.oauth?.connected ? 'Reconnect' : 'Connect'}
    </button>
  );
}

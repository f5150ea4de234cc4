import { CUSTOM_OAUTH_PROVIDER, IntegrationError, type OAuthProvider } from '@knotwork/sdk';
import { credentialsError } from './errors.js';
import type { CredentialsManager } from './manager.js';
import {
  type CompletedAuthorization,
  clientCredentialsToken,
  completeAuthorization,
  customProviderFromData,
  expandScopes,
  needsRefresh,
  refreshTokens,
  revokeTokens,
  startAuthorization,
} from './oauth/index.js';
import type {
  CredentialSummary,
  CredentialTypes,
  DecryptedCredential,
  OAuthTokens,
} from './types.js';

export interface StartedConnection {
  credential: CredentialSummary;
  /** Send the person here to approve access. */
  url: string;
  state: string;
}

interface OAuthClient {
  provider: OAuthProvider;
  clientId: string;
  clientSecret?: string;
  scopes: string[];
  grant: 'authorization_code' | 'client_credentials';
}

/**
 * The OAuth2 side of saved credentials: connect (authorization code with PKCE, or client
 * credentials), keep tokens fresh, revoke on delete. The client id and secret live in the
 * credential's own encrypted data (`clientId`, `clientSecret`), so each user brings their
 * own OAuth app.
 */
export class OAuthConnections {
  readonly #manager: CredentialsManager;
  readonly #types: CredentialTypes;

  constructor(manager: CredentialsManager, types: CredentialTypes) {
    this.#manager = manager;
    this.#types = types;
  }

  /**
   * Saves the credential's client data (creating it, or updating one of the same name and
   * type for a reconnect), then returns the provider's sign-in URL.
   */
  async start(input: {
    name: string;
    type: string;
    data: Record<string, unknown>;
    redirectUri: string;
  }): Promise<StartedConnection> {
    const existing = (await this.#manager.listCredentials({ type: input.type })).find(
      (credential) => credential.name === input.name,
    );
    const credential = existing
      ? await this.#manager.updateCredential(existing.id, { data: input.data })
      : await this.#manager.saveCredential({
          name: input.name,
          type: input.type,
          data: input.data,
        });
    return this.#authorize(await this.#manager.getCredential(credential.id), input.redirectUri);
  }

  /**
   * Starts sign-in again for a saved credential with the client data it already holds: an
   * expired or revoked connection is reconnected by whoever may use it, without ever being
   * shown the client secret. Its current tokens stay until the new sign-in completes.
   */
  async restart(nameOrId: string, redirectUri: string): Promise<StartedConnection> {
    return this.#authorize(await this.#manager.getCredential(nameOrId), redirectUri);
  }

  async #authorize(
    credential: DecryptedCredential,
    redirectUri: string,
  ): Promise<StartedConnection> {
    const { summary } = credential;
    const client = this.clientOf(credential);
    if (client.grant === 'client_credentials') {
      throw credentialsError(
        'wrong_grant',
        `${summary.name} uses the client-credentials grant: there is no sign-in page`,
        `Run \`knotwork credentials test ${summary.name}\` to fetch its token.`,
      );
    }
    const started = await startAuthorization(
      {
        provider: client.provider,
        credentialId: summary.id,
        clientId: client.clientId,
        ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
        redirectUri,
        scopes: client.scopes,
      },
      this.#manager,
    );
    return { credential: summary, url: started.url, state: started.state };
  }

  /** Exchanges the callback's code for tokens and stores them on the credential. */
  async complete(nameOrId: string, callbackUrl: string | URL): Promise<CompletedAuthorization> {
    const credential = await this.#manager.getCredential(nameOrId);
    const client = this.clientOf(credential);
    return completeAuthorization(
      {
        provider: client.provider,
        clientId: client.clientId,
        ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
        callbackUrl,
      },
      this.#manager,
    );
  }

  /**
   * Tokens good for the next request: refreshed before expiry (or when `force` says the
   * provider refused them); for the client-credentials grant, fetched when missing.
   */
  async freshTokens(
    credential: DecryptedCredential,
    options: { force?: boolean; rejectedAccessToken?: string; signal?: AbortSignal } = {},
  ): Promise<OAuthTokens> {
    const client = this.clientOf(credential);
    // The tokens came decrypted with the credential: when they are good, reading them again
    // under the refresh machinery would only repeat that work on every run.
    if (
      !options.force &&
      credential.tokens &&
      !needsRefresh(credential.tokens, client.provider, Date.now())
    ) {
      return credential.tokens;
    }
    const common = {
      provider: client.provider,
      clientId: client.clientId,
      credentialId: credential.summary.id,
      credentialName: credential.summary.name,
      ...(options.force ? { force: true } : {}),
      ...(options.rejectedAccessToken ? { rejectedAccessToken: options.rejectedAccessToken } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    if (client.grant === 'client_credentials') {
      if (!client.clientSecret) {
        throw credentialsError(
          'invalid_input',
          `${credential.summary.name} has no client secret, which the client-credentials grant needs`,
          `Add it: knotwork credentials update ${credential.summary.name}`,
        );
      }
      return clientCredentialsToken(
        { ...common, clientSecret: client.clientSecret, scopes: client.scopes },
        this.#manager,
      );
    }
    return refreshTokens(
      { ...common, ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}) },
      this.#manager,
    );
  }

  /** For deleteCredential's `revoke`: true when the provider revoked the tokens. */
  revoker(credential: DecryptedCredential): (tokens: OAuthTokens) => Promise<boolean> {
    const client = this.clientOf(credential);
    return (tokens) =>
      revokeTokens({
        provider: client.provider,
        clientId: client.clientId,
        ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
        tokens,
      });
  }

  /** The provider and client an OAuth2 credential uses. */
  clientOf(credential: Pick<DecryptedCredential, 'summary' | 'data'>): OAuthClient {
    const manifest = this.#types.describe(credential.summary.type);
    if (manifest.kind !== 'oauth2' || !manifest.oauth) {
      throw credentialsError(
        'not_oauth',
        `${credential.summary.name} is a ${manifest.displayName} credential, not an OAuth2 one`,
        'Only OAuth2 credentials are connected; save this one with `knotwork credentials add`.',
      );
    }
    const provider =
      manifest.oauth.provider === CUSTOM_OAUTH_PROVIDER
        ? customProviderFromData(credential.data)
        : this.#types.provider(manifest.oauth.provider);
    const clientId = credential.data.clientId;
    if (typeof clientId !== 'string' || clientId === '') {
      throw new IntegrationError({
        service: 'credentials',
        code: 'invalid_input',
        message: `${credential.summary.name} has no clientId`,
        hint: `Give the client ID of your ${provider.displayName} OAuth app.`,
        fields: [{ path: 'clientId', message: 'Required for OAuth2' }],
      });
    }
    const clientSecret = credential.data.clientSecret;
    return {
      provider,
      clientId,
      ...(typeof clientSecret === 'string' && clientSecret !== '' ? { clientSecret } : {}),
      scopes: expandScopes(provider, manifest.oauth.scopes),
      grant:
        provider.clientCredentials && manifest.oauth.provider === CUSTOM_OAUTH_PROVIDER
          ? 'client_credentials'
          : manifest.oauth.grant,
    };
  }
}

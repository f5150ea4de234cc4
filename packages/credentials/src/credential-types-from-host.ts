import {
  type CredentialTestResult,
  IntegrationError,
  type ManifestCredential,
  type OAuthProvider,
  type OAuthTokenSet,
} from '@knotwork/sdk';
import type { CredentialTypes } from './types.js';

/**
 * The part of a plugin host the credentials manager needs. Structural, so this package
 * stays on the SDK alone: `@knotwork/host`'s Host fits it as it is.
 */
export interface CredentialTypeSource {
  credentialType(type: string): ManifestCredential;
  oauthProviders(): OAuthProvider[];
  validateCredential(type: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  testCredential(credential: {
    type: string;
    data: Record<string, unknown>;
    token?: OAuthTokenSet;
  }): Promise<CredentialTestResult>;
}

/** The credentials manager learns about credential types from the installed plugins. */
export function credentialTypesFromHost(host: CredentialTypeSource): CredentialTypes {
  return {
    describe: (type) => host.credentialType(type),
    provider: (key) => {
      const provider = host.oauthProviders().find((candidate) => candidate.key === key);
      if (!provider) {
        throw new IntegrationError({
          service: 'credentials',
          code: 'unknown_oauth_provider',
          message: `No installed plugin declares the OAuth provider "${key}"`,
          hint: 'Install the plugin that uses this provider, or use the custom OAuth2 credential type.',
        });
      }
      return provider;
    },
    validate: (type, data) => host.validateCredential(type, data),
    // The refresh token stays here: a credential test only ever needs the access token.
    test: (type, data, token) =>
      host.testCredential({
        type,
        data,
        ...(token
          ? {
              token: {
                accessToken: token.accessToken,
                ...(token.tokenType ? { tokenType: token.tokenType } : {}),
                ...(token.expiresAt ? { expiresAt: token.expiresAt } : {}),
                ...(token.scope ? { scope: token.scope } : {}),
              },
            }
          : {}),
      }),
  };
}

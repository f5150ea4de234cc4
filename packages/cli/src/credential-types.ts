import type { CredentialTypes } from '@knotwork/credentials';
import type { Host } from '@knotwork/host';
import { IntegrationError } from '@knotwork/sdk';

/** The credentials manager learns about credential types from the installed plugins. */
export function hostCredentialTypes(host: Host): CredentialTypes {
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

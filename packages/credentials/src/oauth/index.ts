export { PROVIDER_REQUEST_TIMEOUT_MS } from './authorization-server.js';
export {
  type ClientCredentialsInput,
  clientCredentialsToken,
} from './client-credentials.js';
export {
  type CompleteAuthorizationInput,
  type CompletedAuthorization,
  completeAuthorization,
} from './complete-authorization.js';
export {
  type CustomOAuth2Data,
  customOAuth2DataSchema,
  customProviderFromData,
} from './custom-provider.js';
export { type RefreshTokensInput, refreshTokens } from './refresh-tokens.js';
export { type RevokeTokensInput, revokeTokens } from './revoke-tokens.js';
export { expandScopes } from './scopes.js';
export {
  PENDING_AUTHORIZATION_TTL_MS,
  type StartAuthorizationInput,
  type StartedAuthorization,
  startAuthorization,
} from './start-authorization.js';
export { needsRefresh } from './token-expiry.js';
export { GRANT_GONE_ERRORS } from './token-failure.js';

export { z } from 'zod';
export {
  type BinaryData,
  binaryField,
  binaryFrom,
  binaryFromStream,
  binaryJsonSchema,
  isBinaryData,
  readBinary,
} from './binary-data.js';
export { closestNames } from './closest-names.js';
export {
  type ConnectionPools,
  memoryState,
  type NodeContext,
  type TriggerState,
} from './context.js';
export {
  type Authentication,
  applyAuthentication,
  authenticationLabel,
  baseUrlField,
  baseUrlOf,
  type CredentialDefinition,
  type CredentialDefinitionInput,
  type CredentialKind,
  type CredentialTestContext,
  type CredentialTestResult,
  CUSTOM_OAUTH_PROVIDER,
  defineCredential,
  type OAuthTokenSet,
  type ResolvedCredential,
} from './credential.js';
export { Deadlines, type Expiring } from './deadlines.js';
export {
  credentialField,
  type FieldHints,
  FieldType,
  field,
  HINTS_KEY,
  hintsOf,
  secret,
  secretFieldsOf,
  secretPathsOf,
} from './field-types.js';
export { fullJitterDelay, parseRetryAfter, providerWaitMs } from './http/backoff.js';
export { providerErrorCode, toIntegrationError } from './http/error-mapping.js';
export { createHttpClient, type HttpClientOptions } from './http/http-client.js';
export { nextLink } from './http/link-header.js';
export {
  type LimiterFactory,
  type LimiterOptions,
  memoryLimiters,
  RateLimiterRegistry,
} from './http/rate-limiter.js';
export { abortableSleep, type Sleep } from './http/sleep.js';
export type {
  HttpAuth,
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  OutgoingRequest,
  PaginateOptions,
  PaginationStrategy,
} from './http/types.js';
export { invalidFieldsError, invalidInputError } from './input-errors.js';
export {
  type FieldProblem,
  IntegrationError,
  type IntegrationErrorInit,
  isIntegrationError,
} from './integration-error.js';
export { type JsonSchema, toJsonSchema } from './json-schema.js';
export {
  createLogger,
  type Logger,
  type LogLevel,
  type LogRecord,
  type LogSink,
  silentLogSink,
  stderrLogSink,
} from './logger.js';
export {
  buildManifest,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestCredential,
  type ManifestNode,
  manifestSchema,
  type PackageIdentity,
  PLUGIN_KEYWORD,
  serializeManifest,
} from './manifest.js';
export {
  type CredentialOf,
  defineNode,
  isCredentialRequired,
  type NodeDefinition,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookResult,
} from './node.js';
export {
  defineOAuthProvider,
  type OAuthProvider,
  type OAuthProviderInput,
  oauthProviderSchema,
} from './oauth-provider.js';
export { getPath } from './object-path.js';
export {
  credentialType,
  definePlugin,
  isPluginDefinition,
  type PluginDefinition,
  type PluginDefinitionInput,
} from './plugin.js';
export { REDACTED, Redactor } from './redactor.js';
export {
  type ErrorPolicy,
  type RateLimitPolicy,
  type RateLimitRule,
  type ResolvedServicePolicy,
  type RetryPolicy,
  resolveServicePolicy,
  type ServicePolicy,
  servicePolicySchema,
} from './service-policy.js';
export {
  type CancelSubscription,
  type ScopedSignal,
  signalWithTimeout,
  timedOut,
} from './timeout-signal.js';
export { SDK_VERSION } from './version.js';

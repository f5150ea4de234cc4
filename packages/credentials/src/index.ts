export { credentialResolver, type ResolvedForHost } from './credential-resolver.js';
export { toSummary } from './credential-summary.js';
export {
  type CredentialTypeSource,
  credentialTypesFromHost,
} from './credential-types-from-host.js';
export { ENVELOPE_VERSION, envelopeKeyId } from './crypto/envelope.js';
export type { EncryptionContext, FieldPurpose } from './crypto/field-cipher.js';
export {
  generateMasterKey,
  keyIdOf,
  type MasterKey,
  masterKeyFrom,
  masterKeyFromBase64,
  masterKeyToBase64,
} from './crypto/master-key.js';
export { SERVICE as CREDENTIALS_SERVICE } from './errors.js';
export type { KeyImport, KeyRotation, RotateKeyOptions } from './key-rotation.js';
export { EnvKeySource, MASTER_KEY_ENV, PREVIOUS_MASTER_KEY_ENV } from './keys/env-key-source.js';
export {
  FileKeySource,
  type FileKeySourceOptions,
  KEY_FILE_ENV,
  KEY_FILE_NAME,
} from './keys/file-key-source.js';
export { type KeyBundle, parseKeyBundle, serializeKeyBundle } from './keys/key-bundle.js';
export type { KeySource, KeySourceKind } from './keys/key-source.js';
export {
  DEFAULT_KEYRING_SERVICE,
  KeyringKeySource,
  type KeyringKeySourceOptions,
} from './keys/keyring-key-source.js';
export { MemoryKeySource } from './keys/memory-key-source.js';
export {
  explainKeyringFailure,
  type KeyringProbe,
  osKeyring,
  probeOsKeyring,
  type SecretStore,
} from './keys/os-keyring.js';
export {
  KEY_SOURCE_ENV,
  type ResolvedKeySource,
  type ResolveKeySourceOptions,
  resolveKeySource,
} from './keys/resolve-key-source.js';
export {
  CredentialsManager,
  type DeleteCredentialOptions,
  type DeletedCredential,
  type OpenCredentialsOptions,
  type SaveCredentialInput,
  type UpdateCredentialInput,
} from './manager.js';
export * from './oauth/index.js';
export { OAuthConnections, type StartedConnection } from './oauth-connections.js';
export { knotworkConfigDir, knotworkHome } from './paths.js';
export type {
  CredentialRecord,
  CredentialRows,
  CredentialStore,
  EncryptedCell,
  LeaseTable,
  TokenMetadata,
} from './store/credential-store.js';
export { DEFAULT_LEASE_OPTIONS, type LeaseOptions, withLease } from './store/lease-lock.js';
export { LATEST_SCHEMA_VERSION } from './store/migrations.js';
export {
  DATABASE_SCHEMA_ENV,
  DATABASE_URL_ENV,
  type OpenStoreOptions,
  openCredentialStore,
  SQLITE_FILE_NAME,
} from './store/open-store.js';
export type {
  CredentialSummary,
  CredentialTypes,
  DecryptedCredential,
  OAuthTokens,
  PendingAuthorization,
  TokenVault,
} from './types.js';

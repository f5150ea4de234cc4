import type {
  CredentialKind,
  CredentialTestResult,
  ManifestCredential,
  OAuthProvider,
} from '@knotwork/sdk';

/**
 * What knotwork knows about credential types: an adapter over the host, so this package
 * depends on the SDK only. The CLI and the studio build it from a Host.
 */
export interface CredentialTypes {
  /** The type's manifest entry; throws IntegrationError `unknown_credential_type`. */
  describe(type: string): ManifestCredential;
  /** The OAuth provider a type uses, merged across plugins. */
  provider(key: string): OAuthProvider;
  /**
   * Parses user data against the type's schema; rejects with IntegrationError
   * `invalid_input` naming fields. Async: the schema lives in the plugin's code, which the
   * host imports on first use.
   */
  validate(type: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The credential type's own "Test connection". */
  test(
    type: string,
    data: Record<string, unknown>,
    token?: OAuthTokens,
  ): Promise<CredentialTestResult>;
}

/** A saved credential as lists show it: never a secret. */
export interface CredentialSummary {
  id: string;
  name: string;
  /** Global type, e.g. `slack.botToken`. */
  type: string;
  /** Plugin name, e.g. `slack`. */
  service: string;
  kind: CredentialKind;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  isValid: boolean;
  /** Why it is invalid or last failed (a test, a refresh), already redacted. */
  lastError: string | null;
  lastTestedAt: string | null;
  /** For OAuth2: connected, when the access token expires, granted scopes. */
  oauth?: {
    connected: boolean;
    expiresAt: string | null;
    scopes: string | null;
    hasRefreshToken: boolean;
  };
}

/** Decrypted OAuth2 tokens. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  tokenType?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  scope?: string;
}

/** A credential with its secrets, for the host only. */
export interface DecryptedCredential {
  summary: CredentialSummary;
  data: Record<string, unknown>;
  tokens?: OAuthTokens;
}

/** An authorization in flight between "Connect" and the provider's callback. */
export interface PendingAuthorization {
  /** The credential the tokens go to (created before the redirect, without tokens). */
  credentialId: string;
  codeVerifier?: string;
  redirectUri: string;
  /** Epoch milliseconds after which the state is refused. */
  expiresAt: number;
}

/**
 * What the OAuth module needs from storage. The manager implements it over the
 * encrypted store; tests may implement it in memory.
 */
export interface TokenVault {
  readTokens(credentialId: string): Promise<OAuthTokens | undefined>;
  writeTokens(credentialId: string, tokens: OAuthTokens): Promise<void>;
  /** Marks the credential invalid (e.g. invalid_grant) and records why. */
  markInvalid(credentialId: string, reason: string): Promise<void>;
  /** Runs fn holding a lock on the credential that other processes sharing the store respect. */
  withCredentialLock<T>(credentialId: string, fn: () => Promise<T>): Promise<T>;
  savePendingAuthorization(state: string, pending: PendingAuthorization): Promise<void>;
  /** Returns and deletes it: a state works once. Undefined when unknown, used or expired. */
  takePendingAuthorization(state: string): Promise<PendingAuthorization | undefined>;
}

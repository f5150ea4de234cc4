// The shapes of packages/studio/API.md, as the browser receives them.

export type JsonSchema = Record<string, unknown>;

export interface Session {
  version: string;
  authRequired: boolean;
  authenticated: boolean;
  /** Only present when authenticated, or when no auth is required. */
  csrfToken?: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error shape every route answers with, and runs and tests report. */
export interface ApiErrorBody {
  code: string;
  message: string;
  hint?: string;
  service?: string;
  fields?: FieldProblem[];
}

export type ConnectionStatus = 'not_set_up' | 'connected' | 'failing' | 'expired';

export interface PluginCard {
  name: string;
  displayName: string;
  description: string;
  /** A data: URL, or null when the plugin ships none. */
  icon: string | null;
  categories: string[];
  version: string;
  docsUrl: string | null;
  nodeCount: number;
  credentialTypes: string[];
  status: ConnectionStatus;
  credentialCount: number;
}

export type NodeKind = 'action' | 'polling' | 'webhook';

export interface NodeSummary {
  /** "slack.sendMessage" */
  key: string;
  displayName: string;
  description: string;
  kind: NodeKind;
  credentialTypes: string[];
  credentialRequired: boolean;
}

export interface NodeDetail extends NodeSummary {
  plugin: string;
  input: JsonSchema;
  output: JsonSchema;
}

export type CredentialKind = 'apiKey' | 'oauth2' | 'basicAuth' | 'custom';

export interface CredentialTypeInfo {
  type: string;
  plugin: string;
  displayName: string;
  description: string | null;
  kind: CredentialKind;
  schema: JsonSchema;
  oauth?: { provider: string; displayName: string; grant: string; scopes: string[] };
  docsUrl: string | null;
}

export interface PluginDetail {
  plugin: PluginCard;
  nodes: NodeSummary[];
  credentialTypes: CredentialTypeInfo[];
}

export interface CredentialSummary {
  id: string;
  name: string;
  type: string;
  service: string;
  kind: CredentialKind;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  isValid: boolean;
  lastError: string | null;
  lastTestedAt: string | null;
  oauth?: {
    connected: boolean;
    expiresAt: string | null;
    scopes: string | null;
    hasRefreshToken: boolean;
  };
  status: ConnectionStatus;
}

export interface CredentialDetail {
  credential: CredentialSummary;
  /** Only the non-secret fields. */
  data: Record<string, unknown>;
  /** Secret fields that hold a saved value (never sent to the browser). */
  secretFields: string[];
}

export type TestResult = { ok: true; message?: string } | { ok: false; error: ApiErrorBody };

export interface DeleteResult {
  deleted: true;
  /** null when the type has nothing to revoke. */
  revoked: boolean | null;
}

export interface OAuthConnectResult {
  credential: CredentialSummary;
  /** Absent for grants without a browser sign-in (client credentials). */
  authorizationUrl?: string | null;
}

/** A file a run produced; the output holds the same object where the file was. */
export interface BinaryRef {
  /** The id for GET /api/binaries/:id. */
  $binary: string;
  fileName: string;
  mimeType: string;
  size?: number;
}

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export type RunResult =
  | {
      ok: true;
      output: unknown;
      binaries: BinaryRef[];
      logs: LogLine[];
      durationMs: number;
    }
  | { ok: false; error: ApiErrorBody; logs: LogLine[]; durationMs: number };

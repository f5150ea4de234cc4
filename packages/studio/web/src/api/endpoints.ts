import { api } from './client.js';
import type {
  CredentialDetail,
  CredentialSummary,
  CredentialTypeInfo,
  DeleteResult,
  NodeDetail,
  OAuthConnectResult,
  PluginCard,
  PluginDetail,
  RunResult,
  TestResult,
} from './types.js';

// One function per route of API.md, so a page never spells a URL.

const segment = encodeURIComponent;

export async function login(token: string): Promise<void> {
  await api<unknown>('POST', '/login', { token });
}

export async function logout(): Promise<void> {
  await api<unknown>('POST', '/logout');
}

export async function listPlugins(): Promise<PluginCard[]> {
  return (await api<{ plugins: PluginCard[] }>('GET', '/plugins')).plugins;
}

export function getPlugin(name: string): Promise<PluginDetail> {
  return api<PluginDetail>('GET', `/plugins/${segment(name)}`);
}

/** The README the plugin package ships, as markdown (404 docs_not_found when it has none). */
export async function getPluginDocs(name: string): Promise<string> {
  return (await api<{ markdown: string }>('GET', `/plugins/${segment(name)}/docs`)).markdown;
}

export function getNode(key: string): Promise<NodeDetail> {
  return api<NodeDetail>('GET', `/nodes/${segment(key)}`);
}

export function getCredentialType(type: string): Promise<CredentialTypeInfo> {
  return api<CredentialTypeInfo>('GET', `/credential-types/${segment(type)}`);
}

export async function listCredentials(type?: string): Promise<CredentialSummary[]> {
  const query = type ? `?type=${segment(type)}` : '';
  return (await api<{ credentials: CredentialSummary[] }>('GET', `/credentials${query}`))
    .credentials;
}

export function getCredential(id: string): Promise<CredentialDetail> {
  return api<CredentialDetail>('GET', `/credentials/${segment(id)}`);
}

export interface NewCredential {
  name: string;
  type: string;
  data: Record<string, unknown>;
}

export async function createCredential(input: NewCredential): Promise<CredentialSummary> {
  return (await api<{ credential: CredentialSummary }>('POST', '/credentials', input)).credential;
}

export async function updateCredential(
  id: string,
  change: { name?: string; data?: Record<string, unknown> },
): Promise<CredentialSummary> {
  return (
    await api<{ credential: CredentialSummary }>('PATCH', `/credentials/${segment(id)}`, change)
  ).credential;
}

export function testCredential(id: string): Promise<TestResult> {
  return api<TestResult>('POST', `/credentials/${segment(id)}/test`, {});
}

export function deleteCredential(id: string): Promise<DeleteResult> {
  return api<DeleteResult>('DELETE', `/credentials/${segment(id)}`);
}

export function connectOAuth(input: NewCredential): Promise<OAuthConnectResult> {
  return api<OAuthConnectResult>('POST', '/oauth/connect', input);
}

/** Sign in again for a saved OAuth2 credential; the server uses the client data it holds. */
export function reconnectOAuth(credentialId: string): Promise<OAuthConnectResult> {
  return api<OAuthConnectResult>('POST', '/oauth/reconnect', { credentialId });
}

export async function getRedirectUri(): Promise<string> {
  return (await api<{ redirectUri: string }>('GET', '/oauth/redirect-uri')).redirectUri;
}

export function runNode(
  key: string,
  request: { input: Record<string, unknown>; credentialId?: string },
): Promise<RunResult> {
  return api<RunResult>('POST', `/nodes/${segment(key)}/run`, request);
}

export function binaryUrl(id: string): string {
  return `/api/binaries/${segment(id)}`;
}

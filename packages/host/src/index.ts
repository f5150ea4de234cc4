export type { CredentialResolver, InlineCredential, StoredCredential } from './credentials.js';
export { discoverInstalledPlugins } from './discovery.js';
export {
  createHost,
  type ExecuteOptions,
  type Host,
  type HostOptions,
  type PluginSummary,
  type SharedOAuthProvider,
} from './host.js';
export type { PluginProblem } from './problems.js';

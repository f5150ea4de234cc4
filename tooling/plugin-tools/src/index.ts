export { changesetsReleasing, releasedPackages } from './changesets.js';
export { createProgram, main } from './cli.js';
export { type CreatedPlugin, type CreatePluginOptions, createPlugin } from './create-plugin.js';
export { firstDifference } from './line-diff.js';
export { lintPlugin, lintPlugins, type PluginLintResult, runLintCommand } from './lint.js';
export { importPluginDefinition, type PluginPackage, readPluginPackage } from './load-plugin.js';
export { type ManifestCommandOptions, runManifestCommand } from './manifest-command.js';
export {
  compareWithCommitted,
  expectedManifestText,
  type ManifestFreshness,
  writeManifest,
} from './manifest-file.js';
export { consoleOutput, type Output } from './output.js';
export { camelNameOf, displayNameOf, packageNameOf, validatePluginName } from './plugin-names.js';
export { isPluginToolError, PluginToolError } from './tool-error.js';
export { findWorkspaceRoot, resolveRoot } from './workspace.js';

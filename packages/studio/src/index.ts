export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  isLoopbackHost,
  type NetworkOptions,
  resolveStudioConfig,
  type StudioConfig,
} from './config.js';
export { createStudioServer, type StudioOptions } from './create-studio-server.js';
export { type RunningStudio, type StartStudioOptions, startStudio } from './start-studio.js';
export { STUDIO_VERSION } from './version.js';
export {
  type OpenWorkspaceOptions,
  openStudioWorkspace,
  type StudioWorkspace,
} from './workspace.js';

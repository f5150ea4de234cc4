import type { FastifyInstance } from 'fastify';
import type { StudioConfig } from '../config.js';
import type { StudioWorkspace } from '../workspace.js';
import type { ApiRoutes } from './api-routes.js';
import type { AuthToken } from './auth-token.js';
import type { BinaryStore } from './binary-store.js';
import type { OAuthStates } from './oauth-states.js';

/** What the route modules share; one per server. */
export interface StudioContext {
  app: FastifyInstance;
  workspace: StudioWorkspace;
  config: StudioConfig;
  routes: ApiRoutes;
  auth: AuthToken;
  csrfToken: string;
  binaries: BinaryStore;
  oauthStates: OAuthStates;
}

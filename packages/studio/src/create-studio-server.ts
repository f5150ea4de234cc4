import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { type NetworkOptions, resolveStudioConfig } from './config.js';
import { ApiRoutes } from './server/api-routes.js';
import { AuthToken, registerAuthCheck } from './server/auth-token.js';
import { BinaryStore } from './server/binary-store.js';
import { registerCredentialRoutes } from './server/credentials-routes.js';
import { newCsrfToken, registerCsrfCheck } from './server/csrf.js';
import { registerErrorHandler } from './server/error-response.js';
import { acceptJsonBodiesOnly } from './server/json-bodies.js';
import { registerOAuthRoutes } from './server/oauth-routes.js';
import { OAuthStates } from './server/oauth-states.js';
import { registerOpenApiRoute } from './server/openapi-route.js';
import { registerPlaygroundRoutes } from './server/playground-routes.js';
import { registerPluginRoutes } from './server/plugins-routes.js';
import { registerHostGuard } from './server/request-origin.js';
import { registerResponseHeaders } from './server/response-headers.js';
import { registerSessionRoutes } from './server/session-routes.js';
import type { StudioContext } from './server/studio-context.js';
import { defaultWebRoot, registerWebApp } from './server/web-app.js';
import { openStudioWorkspace, type StudioWorkspace } from './workspace.js';

export interface StudioOptions extends NetworkOptions {
  /** Folders whose node_modules hold plugins (default: the current folder). */
  dirs?: string[];
  /** An already open workspace (embedding apps); the server then does not close it. */
  workspace?: StudioWorkspace;
  /** The built web app (default: the package's dist/web). */
  webRoot?: string;
  /** Server-side problems: unexpected errors, skipped plugins (default stderr). */
  log?: (line: string) => void;
}

/**
 * The studio's HTTP server, not yet listening (tests call `inject`). Refuses a
 * non-loopback host without an auth token before opening anything.
 */
export async function createStudioServer(options: StudioOptions = {}): Promise<FastifyInstance> {
  const config = resolveStudioConfig(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const workspace =
    options.workspace ??
    (await openStudioWorkspace({
      dirs: options.dirs ?? [process.cwd()],
      ...(options.env ? { env: options.env } : {}),
      warn: (message) => log(`warning: ${message}`),
    }));
  const app = Fastify({ logger: false });
  if (!options.workspace) app.addHook('onClose', () => workspace.close());
  try {
    acceptJsonBodiesOnly(app);
    registerErrorHandler(app, log);
    registerResponseHeaders(app);
    await app.register(fastifyCookie);
    const auth = new AuthToken(config.authToken);
    const csrfToken = newCsrfToken();
    registerHostGuard(app, config);
    registerAuthCheck(app, auth);
    registerCsrfCheck(app, csrfToken);
    const context: StudioContext = {
      app,
      workspace,
      config,
      routes: new ApiRoutes(app),
      auth,
      csrfToken,
      binaries: new BinaryStore(),
      oauthStates: new OAuthStates(),
    };
    registerSessionRoutes(context);
    registerPluginRoutes(context);
    registerCredentialRoutes(context);
    registerOAuthRoutes(context);
    registerPlaygroundRoutes(context);
    registerOpenApiRoute(context);
    await registerWebApp(app, options.webRoot ?? defaultWebRoot());
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

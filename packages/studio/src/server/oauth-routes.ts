import { isIntegrationError } from '@knotwork/sdk';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import {
  connectResponse,
  newCredentialBody,
  reconnectBody,
  redirectUriResponse,
} from './api-schemas.js';
import { withStatus } from './connection-status.js';
import { sendHtmlPage } from './html-page.js';
import { underData } from './integration-failure.js';
import { serverOrigin } from './request-origin.js';
import type { StudioContext } from './studio-context.js';

export const CALLBACK_PATH = '/oauth/callback';
const BACK = { href: '/credentials', text: 'Back to credentials' };

const callbackQuery = z.object({
  state: z.string().optional(),
  code: z.string().optional(),
  error: z.string().optional(),
});

function redirectUri(request: FastifyRequest): string {
  return `${serverOrigin(request)}${CALLBACK_PATH}`;
}

export function registerOAuthRoutes({ app, routes, workspace, oauthStates }: StudioContext): void {
  const { host, connections } = workspace;

  routes.add(
    {
      method: 'GET',
      url: '/api/oauth/redirect-uri',
      summary: 'The redirect URI to register with the OAuth provider',
      tag: 'oauth',
      response: redirectUriResponse,
    },
    async ({ request }) => ({ redirectUri: redirectUri(request) }),
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/oauth/connect',
      summary: 'Save an OAuth2 credential’s client data and get the provider’s sign-in URL',
      tag: 'oauth',
      body: newCredentialBody,
      response: connectResponse,
      errors: [400, 404, 409],
    },
    async ({ body, request }) => {
      const manifest = host.credentialType(body.type);
      if (manifest.kind !== 'oauth2') {
        throw new ApiError(400, {
          code: 'not_oauth',
          message: `${body.type} is not an OAuth2 credential type`,
          hint: 'Save it with POST /api/credentials instead.',
          fields: [{ path: 'type', message: 'Not an OAuth2 credential type' }],
        });
      }
      let started: Awaited<ReturnType<typeof connections.start>>;
      try {
        started = await connections.start({ ...body, redirectUri: redirectUri(request) });
      } catch (error) {
        throw underData(error);
      }
      oauthStates.remember(started.state, started.credential.id);
      return { credential: withStatus(started.credential), authorizationUrl: started.url };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/oauth/reconnect',
      summary: 'Sign in again for a saved OAuth2 credential, with the client data it holds',
      tag: 'oauth',
      body: reconnectBody,
      response: connectResponse,
      errors: [400, 404],
    },
    async ({ body, request }) => {
      // The browser never had the client secret: the saved data is all the sign-in needs.
      const started = await connections.restart(body.credentialId, redirectUri(request));
      oauthStates.remember(started.state, started.credential.id);
      return { credential: withStatus(started.credential), authorizationUrl: started.url };
    },
  );

  // The provider sends the browser here: answers are pages, not JSON.
  app.get(CALLBACK_PATH, async (request, reply) => {
    const query = callbackQuery.safeParse(request.query);
    const credentialId =
      query.success && query.data.state ? oauthStates.take(query.data.state) : undefined;
    if (!credentialId) {
      return sendHtmlPage(reply, 400, {
        title: 'This sign-in link is no longer valid',
        message:
          'The sign-in was already completed, is more than 10 minutes old, or was not started from this studio.',
        hint: 'Start the connection again from the credentials page.',
        link: BACK,
      });
    }
    try {
      await connections.complete(credentialId, `${serverOrigin(request)}${request.url}`);
    } catch (error) {
      if (!isIntegrationError(error)) throw error;
      return sendHtmlPage(reply, 400, {
        title: query.data?.error ? 'Access was not granted' : 'The connection failed',
        message: error.message,
        hint: error.hint,
        link: BACK,
      });
    }
    return reply.redirect(`/credentials?connected=${encodeURIComponent(credentialId)}`, 303);
  });
}

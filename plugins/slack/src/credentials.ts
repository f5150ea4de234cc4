import { baseUrlField, defineCredential, FieldType, field, secret, z } from '@knotwork/sdk';
import { checkSlackConnection } from './connection-check.js';
import { slackBotScopes, slackOAuthProvider } from './oauth-provider.js';
import { SLACK_API_URL, SLACK_DOCS_URL } from './slack-urls.js';

/**
 * Tokens that can call chat.postMessage: bot (xoxb-), user (xoxp-), and rotating access
 * tokens (xoxe.xoxb-…, xoxe.xoxp-…). A refresh token starts xoxe-1- and an app-level token
 * xapp-; neither can post. https://api.slack.com/authentication/token-types
 */
const POSTING_TOKEN = /^(xoxb-|xoxp-|xoxe\.)/;

export const botToken = defineCredential({
  key: 'botToken',
  displayName: 'Slack bot token',
  description: "A token from the app's OAuth & Permissions page, pasted once.",
  kind: 'apiKey',
  schema: z.object({
    token: secret(
      z
        .string()
        .trim()
        .regex(
          POSTING_TOKEN,
          'A Slack token starts with xoxb- (bot), xoxp- (user) or xoxe. (rotating); xoxe-1- is a refresh token and xapp- an app-level token, and neither can post',
        ),
      {
        label: 'Bot User OAuth Token',
        description: "From the app's OAuth & Permissions page; starts with xoxb-.",
        placeholder: 'xoxb-…',
      },
    ),
    baseUrl: baseUrlField(SLACK_API_URL),
  }),
  // "You must transmit your token as a bearer token in the Authorization HTTP header" when
  // posting JSON. https://api.slack.com/web#posting_json
  authenticate: { type: 'bearer', field: 'token' },
  baseUrl: { default: SLACK_API_URL, field: 'baseUrl' },
  test: (ctx) => checkSlackConnection(ctx.http),
  docsUrl: `${SLACK_DOCS_URL}#bot-token`,
});

export const webhookUrl = defineCredential({
  key: 'webhookUrl',
  displayName: 'Slack incoming webhook',
  description: 'Posts to the one channel chosen when the webhook was created; no token needed.',
  kind: 'custom',
  schema: z.object({
    // The URL carries its own secret: "Your webhook URL contains a secret. Don't share it".
    // https://api.slack.com/messaging/webhooks
    url: field(
      z.url({ protocol: /^https?$/, error: 'Give the full webhook URL, starting https://' }),
      {
        field: FieldType.SECRET,
        secret: true,
        label: 'Webhook URL',
        description: "From the app's Incoming Webhooks page.",
        placeholder: 'https://hooks.slack.com/services/T…/B…/…',
      },
    ),
  }),
  authenticate: { type: 'none' },
  test: async (ctx) => {
    const url = new URL(ctx.credential.data.url);
    const looksLikeSlack =
      url.hostname === 'hooks.slack.com' && url.pathname.startsWith('/services/');
    // Slack offers no way to check a webhook without posting to its channel, so nothing is sent.
    return {
      ok: true,
      message: looksLikeSlack
        ? 'The URL has the shape of a Slack incoming webhook. It was not called: Slack has no way to check a webhook without posting a message, so run Send Message once to be sure.'
        : 'The URL is valid but is not a hooks.slack.com/services/… address; it was not called, because a webhook can only be checked by posting a message.',
      ...(looksLikeSlack
        ? {}
        : {
            hint: "Copy the URL from the app's Incoming Webhooks page unless you post through a proxy.",
          }),
    };
  },
  docsUrl: `${SLACK_DOCS_URL}#incoming-webhook`,
});

export const oauth2 = defineCredential({
  key: 'oauth2',
  displayName: 'Slack OAuth2',
  description:
    'Installs your Slack app in a workspace through the browser and keeps its bot token.',
  kind: 'oauth2',
  schema: z.object({
    clientId: field(z.string().trim().min(1), {
      label: 'Client ID',
      description: "From the app's Basic Information page.",
      placeholder: '3336676.569200954261',
    }),
    clientSecret: secret(z.string().trim().min(1), {
      label: 'Client Secret',
      description: "From the app's Basic Information page.",
    }),
  }),
  oauth: {
    provider: slackOAuthProvider.key,
    scopes: [...slackBotScopes.messages, ...slackBotScopes.reactions],
  },
  baseUrl: { default: SLACK_API_URL },
  test: (ctx) => checkSlackConnection(ctx.http),
  docsUrl: `${SLACK_DOCS_URL}#oauth-app`,
});

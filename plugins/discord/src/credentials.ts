import { baseUrlField, defineCredential, FieldType, field, z } from '@knotwork/sdk';
import { checkBotToken, checkWebhook } from './connection-checks.js';
import { DISCORD_API_URL, DISCORD_DOCS_URL } from './discord-api.js';
import { canonicalWebhookUrl, parseWebhookUrl, webhookPartsOf } from './webhook-url.js';

/**
 * The webhook URL is the secret: "anyone with the URL can post". It is kept in one
 * spelling (discord.com, API v10) so the address called is the secret the host masks.
 */
const webhookUrlSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parts = parseWebhookUrl(value);
    if (parts) return canonicalWebhookUrl(parts);
    ctx.addIssue({
      code: 'custom',
      message:
        'Give the full webhook URL, https://discord.com/api/webhooks/<id>/<token>, as "Copy Webhook URL" gives it',
    });
    return z.NEVER;
  });

/**
 * A proxy or test server standing in for Discord's API root. It must end in /api/v10 like
 * the real one: the webhook's path after it is then the same text as in the saved URL, so
 * the host masks the token in every log line and error that quotes the address.
 */
const webhookApiRoot = field(
  z
    .url({ protocol: /^https?$/, error: 'Give an http:// or https:// URL' })
    .refine((value) => /\/api\/v10\/?$/.test(new URL(value).pathname), {
      message: 'End the address with /api/v10, as Discord’s own https://discord.com/api/v10 does',
    })
    .optional(),
  {
    label: 'Base URL',
    description: `Leave empty for ${DISCORD_API_URL}. Set it for a proxy or a test server; it must end in /api/v10.`,
    placeholder: DISCORD_API_URL,
    advanced: true,
  },
);

export const webhookUrl = defineCredential({
  key: 'webhookUrl',
  displayName: 'Discord webhook',
  description: 'Posts to the one channel the webhook belongs to; no bot needed.',
  kind: 'custom',
  schema: z.object({
    webhookUrl: field(webhookUrlSchema, {
      field: FieldType.SECRET,
      secret: true,
      label: 'Webhook URL',
      description: 'Channel settings → Integrations → Webhooks → Copy Webhook URL.',
      placeholder: 'https://discord.com/api/webhooks/223704706495545344/…',
    }),
    baseUrl: webhookApiRoot,
  }),
  // "Webhooks ... do not require a bot user or authentication": the token is in the path.
  // https://discord.com/developers/docs/resources/webhook
  authenticate: { type: 'none' },
  baseUrl: { default: DISCORD_API_URL, field: 'baseUrl' },
  test: (ctx) => checkWebhook(ctx.http, webhookPartsOf(ctx.credential.data.webhookUrl)),
  docsUrl: `${DISCORD_DOCS_URL}#webhook`,
});

/** Three dot-separated base64url parts: the user id, a timestamp and an HMAC. */
const BOT_TOKEN = /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{10,}$/;

export const botToken = defineCredential({
  key: 'botToken',
  displayName: 'Discord bot token',
  description: 'Posts as your bot in any channel it has been invited to.',
  kind: 'apiKey',
  schema: z.object({
    botToken: field(
      z
        .string()
        .trim()
        // People paste the whole header value; the credential adds "Bot " itself.
        .transform((value) => value.replace(/^Bot\s+/i, ''))
        .pipe(
          z
            .string()
            .regex(
              BOT_TOKEN,
              'A Discord bot token has three parts separated by dots; copy it from the Developer Portal → your application → Bot → Reset Token',
            ),
        ),
      {
        field: FieldType.SECRET,
        secret: true,
        label: 'Bot token',
        description: 'Developer Portal → your application → Bot → Reset Token.',
      },
    ),
    baseUrl: baseUrlField(DISCORD_API_URL),
  }),
  // "Authorization: Bot MTk4NjIy..." — the word Bot, not Bearer.
  // https://discord.com/developers/docs/reference#authentication
  authenticate: { type: 'header', name: 'authorization', field: 'botToken', prefix: 'Bot ' },
  baseUrl: { default: DISCORD_API_URL, field: 'baseUrl' },
  test: (ctx) => checkBotToken(ctx.http),
  docsUrl: `${DISCORD_DOCS_URL}#bot-token`,
});

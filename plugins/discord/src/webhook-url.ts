import { IntegrationError } from '@knotwork/sdk';
import { DISCORD_API_URL } from './discord-api.js';

/** The id and token a webhook URL carries: `…/api/webhooks/{id}/{token}`. */
export interface WebhookParts {
  id: string;
  token: string;
}

/**
 * Hosts Discord hands out webhook URLs on. discordapp.com is the old domain, still served;
 * ptb. and canary. come from the test clients.
 */
const WEBHOOK_HOSTS = new Set([
  'discord.com',
  'ptb.discord.com',
  'canary.discord.com',
  'discordapp.com',
  'ptb.discordapp.com',
  'canary.discordapp.com',
]);

/**
 * `/api/webhooks/{webhook.id}/{webhook.token}`, with or without an API version; the token
 * is URL-safe base64 (68 characters today).
 * https://discord.com/developers/docs/resources/webhook#execute-webhook
 */
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{17,20})\/([A-Za-z0-9_-]{20,})\/?$/;

/** The id and token of a Discord webhook URL, or undefined when it is not one. */
export function parseWebhookUrl(text: string): WebhookParts | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !WEBHOOK_HOSTS.has(url.hostname)) return undefined;
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], token: match[2] };
}

/**
 * One spelling of every webhook URL: discord.com, API v10, no query. The credential keeps
 * this form, so the address the plugin calls is exactly the secret the host masks.
 */
export function canonicalWebhookUrl({ id, token }: WebhookParts): string {
  return `${DISCORD_API_URL}/webhooks/${id}/${token}`;
}

/** The webhook's path below the API root, for requests relative to the credential's base URL. */
export function webhookPath({ id, token }: WebhookParts): string {
  return `/webhooks/${id}/${token}`;
}

/** The parts of a URL the credential already checked; a stored URL that no longer parses is refused. */
export function webhookPartsOf(url: string): WebhookParts {
  const parts = parseWebhookUrl(url);
  if (!parts) {
    throw new IntegrationError({
      service: 'discord',
      code: 'invalid_webhook_url',
      message: 'The saved webhook URL is not a Discord webhook URL',
      hint: "Copy the URL again from the channel's Integrations → Webhooks page and save the credential.",
    });
  }
  return parts;
}

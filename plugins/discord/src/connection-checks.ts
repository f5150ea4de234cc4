import type { CredentialTestResult, HttpClient } from '@knotwork/sdk';
import { discordHeaders } from './discord-api.js';
import { type WebhookParts, webhookPath } from './webhook-url.js';

/** The parts of a webhook object the check reports. https://discord.com/developers/docs/resources/webhook#webhook-object */
interface WebhookObject {
  id: string;
  type: number;
  name: string | null;
  channel_id: string | null;
  guild_id?: string | null;
}

/** The parts of a user object the check reports. https://discord.com/developers/docs/resources/user#user-object */
interface UserObject {
  id: string;
  username: string;
  bot?: boolean;
}

/**
 * "Get Webhook with Token ... does not require authentication and returns no user": it
 * reads the webhook without posting, so the check proves the URL works and changes nothing.
 * https://discord.com/developers/docs/resources/webhook#get-webhook-with-token
 */
export async function checkWebhook(
  http: HttpClient,
  webhook: WebhookParts,
): Promise<CredentialTestResult> {
  const { data } = await http.request<WebhookObject>({
    method: 'GET',
    url: webhookPath(webhook),
    headers: discordHeaders,
  });
  // The answer also carries the webhook's token; only the name and channel are reported.
  const name = data.name ? `"${data.name}"` : 'without a name';
  const where = data.channel_id ? `channel ${data.channel_id}` : 'no channel';
  const server = data.guild_id ? ` in server ${data.guild_id}` : '';
  return { ok: true, message: `Webhook ${name} posts to ${where}${server}` };
}

/**
 * Asks Discord who the token belongs to: GET /users/@me needs no permission and changes
 * nothing. https://discord.com/developers/docs/resources/user#get-current-user
 */
export async function checkBotToken(http: HttpClient): Promise<CredentialTestResult> {
  const { data } = await http.request<UserObject>({
    method: 'GET',
    url: '/users/@me',
    headers: discordHeaders,
  });
  if (data.bot !== true) {
    return {
      ok: false,
      message: `The token belongs to the user ${data.username}, not a bot`,
      hint: 'Use the bot token from the Developer Portal: your application → Bot → Reset Token.',
    };
  }
  return { ok: true, message: `Connected as bot ${data.username} (id ${data.id})` };
}

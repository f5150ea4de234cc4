import type { CredentialTestResult, HttpClient } from '@knotwork/sdk';
import { callTelegram } from './telegram-api.js';

/** The parts of getMe's User the check reports. https://core.telegram.org/bots/api#user */
interface BotUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

/**
 * getMe: "A simple method for testing your bot's authentication token. Requires no
 * parameters." It changes nothing and does not disturb getUpdates' queue.
 * https://core.telegram.org/bots/api#getme
 */
export async function checkBot(http: HttpClient): Promise<CredentialTestResult> {
  const bot = await callTelegram<BotUser>(http, 'getMe', { idempotent: true });
  const name = bot.username ? `@${bot.username}` : bot.first_name;
  return { ok: true, message: `Connected as ${name} (${bot.first_name}, id ${bot.id})` };
}

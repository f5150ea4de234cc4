import { type HttpClient, type HttpRequest, isIntegrationError } from '@knotwork/sdk';
import { refineTelegramError } from './errors.js';

/** Root of the Bot API; a local Bot API server (github.com/tdlib/telegram-bot-api) replaces it. */
export const TELEGRAM_API_URL = 'https://api.telegram.org';

/** The plugin's user documentation, relative to the knotwork docs root (the studio serves it). */
export const TELEGRAM_DOCS_URL = 'docs/integrations/telegram.md';

/**
 * Every answer is `{ "ok": true, "result": … }` or `{ "ok": false, "error_code": …,
 * "description": … }`. https://core.telegram.org/bots/api#making-requests
 */
interface TelegramAnswer<T> {
  ok: true;
  result: T;
}

/**
 * Calls a Bot API method and returns its `result`. The credential puts the token into the
 * path (`/bot<token>/<method>`); a failure is re-coded from Telegram's description
 * ("Bad Request: chat not found" -> chat_not_found) so its hint fits.
 */
export async function callTelegram<T>(
  http: HttpClient,
  method: string,
  request: Omit<HttpRequest, 'url' | 'method'>,
): Promise<T> {
  try {
    const { data } = await http.request<TelegramAnswer<T>>({
      method: 'POST',
      url: `/${method}`,
      ...request,
    });
    return data.result;
  } catch (error) {
    throw isIntegrationError(error) ? refineTelegramError(error) : error;
  }
}

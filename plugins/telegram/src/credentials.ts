import { baseUrlField, defineCredential, secret, z } from '@knotwork/sdk';
import { checkBot } from './connection-check.js';
import { TELEGRAM_API_URL, TELEGRAM_DOCS_URL } from './telegram-api.js';

/** "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11": the bot's id, a colon, then the secret. https://core.telegram.org/bots/api#authorizing-your-bot */
const BOT_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

export const botToken = defineCredential({
  key: 'botToken',
  displayName: 'Telegram bot token',
  description: 'The token @BotFather gave when the bot was created.',
  kind: 'apiKey',
  schema: z.object({
    botToken: secret(
      z
        .string()
        .trim()
        .regex(
          BOT_TOKEN,
          "A bot token looks like 123456789:AAH… (digits, a colon, then 35 letters, digits, - and _): copy it from @BotFather's message",
        ),
      {
        label: 'Bot token',
        description: 'From @BotFather: /newbot creates a bot, /token shows its token again.',
        placeholder: '123456789:AA…',
      },
    ),
    baseUrl: baseUrlField(TELEGRAM_API_URL, 'Bot API server'),
  }),
  /**
   * "All queries ... must be presented in this form: https://api.telegram.org/bot<token>/METHOD_NAME":
   * the token is a path segment, not a header, so it goes in front of the method name. The
   * http layer hands the same URL back on a retry, so it is signed only once.
   * https://core.telegram.org/bots/api#making-requests
   */
  authenticate: (request, credential) => {
    const segment = `bot${credential.data.botToken}`;
    const path = request.url.pathname.split('/');
    const method = path.pop() ?? '';
    if (path.at(-1) === segment) return;
    request.url.pathname = [...path, segment, method].join('/');
  },
  baseUrl: { default: TELEGRAM_API_URL, field: 'baseUrl' },
  test: (ctx) => checkBot(ctx.http),
  docsUrl: `${TELEGRAM_DOCS_URL}#bot-token`,
});

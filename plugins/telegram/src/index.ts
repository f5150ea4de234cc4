import { definePlugin } from '@knotwork/sdk';
import { botToken } from './credentials.js';
import { telegramPolicy } from './errors.js';
import { telegramIcon } from './icon.js';
import { getUpdates } from './nodes/get-updates.js';
import { sendMessage } from './nodes/send-message.js';
import { sendPhoto } from './nodes/send-photo.js';
import { TELEGRAM_DOCS_URL } from './telegram-api.js';

export default definePlugin({
  name: 'telegram',
  displayName: 'Telegram',
  description: 'Send messages and photos as a Telegram bot, and start workflows from its updates.',
  icon: telegramIcon,
  categories: ['Communication'],
  docsUrl: TELEGRAM_DOCS_URL,
  credentials: [botToken],
  nodes: [sendMessage, sendPhoto, getUpdates],
  policy: telegramPolicy,
});

import { definePlugin } from '@knotwork/sdk';
import { botToken, webhookUrl } from './credentials.js';
import { DISCORD_DOCS_URL } from './discord-api.js';
import { discordPolicy } from './errors.js';
import { discordIcon } from './icon.js';
import { sendBotMessage } from './nodes/send-bot-message.js';
import { sendWebhookMessage } from './nodes/send-webhook-message.js';

export default definePlugin({
  name: 'discord',
  displayName: 'Discord',
  description: 'Post messages and embeds to Discord channels through a webhook or as a bot.',
  icon: discordIcon,
  categories: ['Communication'],
  docsUrl: DISCORD_DOCS_URL,
  credentials: [webhookUrl, botToken],
  nodes: [sendWebhookMessage, sendBotMessage],
  policy: discordPolicy,
});

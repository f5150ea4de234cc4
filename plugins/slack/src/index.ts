import { definePlugin } from '@knotwork/sdk';
import { botToken, oauth2, webhookUrl } from './credentials.js';
import { slackPolicy } from './errors.js';
import { slackIcon } from './icon.js';
import { addReaction } from './nodes/add-reaction.js';
import { sendMessage } from './nodes/send-message.js';
import { slackOAuthProvider } from './oauth-provider.js';
import { SLACK_DOCS_URL } from './slack-urls.js';

export default definePlugin({
  name: 'slack',
  displayName: 'Slack',
  description: 'Send messages to Slack channels, threads and DMs, and react to messages.',
  icon: slackIcon,
  categories: ['Communication'],
  docsUrl: SLACK_DOCS_URL,
  credentials: [botToken, webhookUrl, oauth2],
  oauthProviders: [slackOAuthProvider],
  nodes: [sendMessage, addReaction],
  policy: slackPolicy,
});

import { definePlugin } from '@knotwork/sdk';
import { basicAuth, bearerToken, headerAuth, hmacSecret, oauth2 } from './credentials.js';
import { webhookIcon } from './icon.js';
import { call } from './nodes/call.js';
import { respond } from './nodes/respond.js';
import { trigger } from './nodes/trigger.js';

export default definePlugin({
  name: 'webhook',
  displayName: 'Webhook & HTTP',
  description: 'Call any HTTP API with a saved credential; receive and answer webhooks.',
  icon: webhookIcon,
  categories: ['Developer Tools'],
  docsUrl: 'docs/integrations/webhook.md',
  credentials: [bearerToken, headerAuth, basicAuth, hmacSecret, oauth2],
  nodes: [trigger, respond, call],
});

import { definePlugin } from '@knotwork/sdk';
import { apiKey } from './credentials.js';
import { servicePolicy } from './errors.js';
import { getItem } from './nodes/get-item.js';

export default definePlugin({
  name: '{{name}}',
  displayName: '{{displayName}}',
  description: 'Reads items from {{displayName}}.',
  categories: ['Productivity'],
  credentials: [apiKey],
  nodes: [getItem],
  policy: servicePolicy,
});

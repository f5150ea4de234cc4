import { describe, expect, it } from 'vitest';
import { categoriesOf, filterCatalog } from '../../web/src/integrations/catalog-filter.js';
import { filterGroups } from '../../web/src/playground/node-groups.js';

const plugins = [
  {
    name: 'slack',
    displayName: 'Slack',
    description: 'Send messages',
    categories: ['Communication'],
  },
  {
    name: 'github',
    displayName: 'GitHub',
    description: 'Open issues',
    categories: ['Developer tools'],
  },
  {
    name: 'aws-s3',
    displayName: 'Amazon S3',
    description: 'Objects',
    categories: ['Storage', 'Developer Tools'],
  },
];

describe('integrations catalog', () => {
  it('lists each category once, whatever its capitals', () => {
    expect(categoriesOf(plugins)).toEqual(['Communication', 'Developer tools', 'Storage']);
  });

  it('filters by category regardless of capitals', () => {
    expect(filterCatalog(plugins, '', 'developer tools').map((p) => p.name)).toEqual([
      'github',
      'aws-s3',
    ]);
  });

  it('finds an integration by any word of its name, description or category', () => {
    expect(filterCatalog(plugins, 'amazon', undefined).map((p) => p.name)).toEqual(['aws-s3']);
    expect(filterCatalog(plugins, 'send MESSAGES', undefined).map((p) => p.name)).toEqual([
      'slack',
    ]);
    expect(filterCatalog(plugins, 'storage objects', undefined).map((p) => p.name)).toEqual([
      'aws-s3',
    ]);
    expect(filterCatalog(plugins, 'slack issues', undefined)).toEqual([]);
  });
});

describe('playground node list', () => {
  const groups = [
    {
      plugin: { name: 'slack', displayName: 'Slack', icon: null },
      nodes: [
        {
          key: 'slack.sendMessage',
          displayName: 'Send Message',
          description: 'Posts',
          kind: 'action',
        },
        {
          key: 'slack.addReaction',
          displayName: 'Add Reaction',
          description: 'Emoji',
          kind: 'action',
        },
      ],
    },
    {
      plugin: { name: 'telegram', displayName: 'Telegram', icon: null },
      nodes: [
        {
          key: 'telegram.sendMessage',
          displayName: 'Send Message',
          description: '',
          kind: 'action',
        },
      ],
    },
  ];

  it('keeps every node of a plugin whose name matches', () => {
    expect(filterGroups(groups, 'slack')[0]?.nodes).toHaveLength(2);
  });

  it('finds nodes across plugins and drops plugins with none left', () => {
    const found = filterGroups(groups, 'send message');
    expect(found.map((g) => g.nodes.map((n) => n.key))).toEqual([
      ['slack.sendMessage'],
      ['telegram.sendMessage'],
    ]);
    expect(filterGroups(groups, 'reaction').map((g) => g.plugin.name)).toEqual(['slack']);
  });
});

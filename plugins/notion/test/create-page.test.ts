import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  DATABASE_ID,
  expectNotionHeaders,
  fixture,
  integrationCredential,
  NOTION_ORIGIN,
  notionError,
  PAGE_ID,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const PROPERTIES = {
  Name: { title: [{ text: { content: 'Tuscan kale' } }] },
  Price: { number: 2.5 },
};
const PARAGRAPH = {
  object: 'block',
  type: 'paragraph',
  paragraph: {
    rich_text: [{ type: 'text', text: { content: 'Lacinato kale is a variety of kale.' } }],
  },
};

describe('Create Page', () => {
  test('creates a database entry with properties, content, an emoji icon and a cover URL', async () => {
    const token = canaryToken();
    const scope = nock(NOTION_ORIGIN).post('/v1/pages').reply(200, fixture('page-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPage',
      {
        database_id: `https://www.notion.so/acme/${DATABASE_ID.replace(/-/g, '')}?v=4f5b6c7d8e9f40a1b2c3d4e5f6a7b8c9`,
        properties: PROPERTIES,
        children: [PARAGRAPH],
        icon: '🥬',
        cover: 'https://upload.wikimedia.org/wikipedia/commons/6/62/Tuscankale.jpg',
      },
      { credential: integrationCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({
      object: 'page',
      id: PAGE_ID,
      url: 'https://www.notion.so/Tuscan-kale-598337872cf94fdf8782e53db20768a5',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('https://api.notion.com/v1/pages');
    expectNotionHeaders(requests[0], token);
    expect(requests[0]?.body).toEqual({
      parent: { database_id: DATABASE_ID },
      properties: PROPERTIES,
      children: [PARAGRAPH],
      icon: { type: 'emoji', emoji: '🥬' },
      cover: {
        type: 'external',
        external: { url: 'https://upload.wikimedia.org/wikipedia/commons/6/62/Tuscankale.jpg' },
      },
    });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('creates a sub-page under a page given by its link, with an image icon', async () => {
    const scope = nock(NOTION_ORIGIN).post('/v1/pages').reply(200, fixture('page-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPage',
      {
        page_id: 'https://www.notion.so/acme/Tuscan-kale-598337872cf94fdf8782e53db20768a5',
        properties: { title: [{ text: { content: 'Recipes' } }] },
        icon: 'https://example.com/kale.png',
      },
      { credential: integrationCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({
      parent: { page_id: PAGE_ID },
      properties: { title: [{ text: { content: 'Recipes' } }] },
      icon: { type: 'external', external: { url: 'https://example.com/kale.png' } },
    });
  });
});

describe('Create Page when Notion refuses', () => {
  test.each([
    ['validation_error', 400, 'property names and types'.toLowerCase()],
    ['object_not_found', 404, 'Connections'],
    ['restricted_resource', 403, 'Insert content'],
  ])('maps %s (HTTP %i) to its hint', async (code, status, hintPhrase) => {
    const scope = nock(NOTION_ORIGIN).post('/v1/pages').reply(status, notionError(code));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe(code);
    expect(run.error?.status).toBe(status);
    expect(run.error?.hint.toLowerCase()).toContain(hintPhrase.toLowerCase());
    expect(requests).toHaveLength(1);
  });

  test('does not repeat the create after a 500 and says to look for the page first', async () => {
    const scope = nock(NOTION_ORIGIN)
      .post('/v1/pages')
      .reply(500, notionError('internal_server_error'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES },
      { credential: integrationCredential() },
    );

    expect(requests).toHaveLength(1);
    expect(run.retryDelays).toEqual([]);
    expect(run.error?.code).toBe('internal_server_error');
    expect(run.error?.retryable).toBe(true);
    expect(run.error?.hint).toContain('Notion may have created the page');
  });

  test('repeats the create after rate_limited, since Notion did nothing', async () => {
    const scope = nock(NOTION_ORIGIN)
      .post('/v1/pages')
      .reply(429, notionError('rate_limited'), { 'retry-after': '1' })
      .post('/v1/pages')
      .reply(200, fixture('page-created.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES },
      { credential: integrationCredential() },
    );

    expect(run.retryDelays).toEqual([1_000]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(run.ok).toBe(true);
  });

  test('waits out a 529 service_overload with Retry-After like a rate limit', async () => {
    nock(NOTION_ORIGIN)
      .post('/v1/pages')
      .reply(529, notionError('service_overload'), { 'retry-after': '3' })
      .post('/v1/pages')
      .reply(200, fixture('page-created.json'));

    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES },
      { credential: integrationCredential() },
    );

    expect(run.retryDelays).toEqual([3_000]);
    expect(run.ok).toBe(true);
  });
});

describe('Create Page input', () => {
  test('refuses more than 100 blocks before calling Notion', async () => {
    const run = await runNode(
      plugin,
      'createPage',
      {
        database_id: DATABASE_ID,
        properties: PROPERTIES,
        children: Array.from({ length: 101 }, () => PARAGRAPH),
      },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['children']);
    expect(run.error?.fields?.[0]?.message).toContain('at most 100 blocks per request');
  });

  test.each([
    [{ properties: PROPERTIES }, 'Give the parent database'],
    [{ database_id: DATABASE_ID, page_id: PAGE_ID, properties: PROPERTIES }, 'not both'],
  ])('names both parent fields when %j has not exactly one parent', async (input, message) => {
    const run = await runNode(plugin, 'createPage', input, {
      credential: integrationCredential(),
    });

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['database_id', 'page_id']);
    expect(run.error?.fields?.[0]?.message).toContain(message);
  });

  test('names a cover that is not a URL', async () => {
    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES, cover: 'kale.jpg' },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['cover']);
  });
});

describe('Create Page keeps the token secret', () => {
  test('masks the token when an error message echoes it', async () => {
    const token = canaryToken();
    nock(NOTION_ORIGIN)
      .post('/v1/pages')
      .reply(400, {
        ...notionError('validation_error'),
        message: `body failed validation: token ${token} is not a property`,
      });

    const run = await runNode(
      plugin,
      'createPage',
      { database_id: DATABASE_ID, properties: PROPERTIES },
      { credential: integrationCredential(token) },
    );

    expect(run.error?.code).toBe('validation_error');
    expect(run.error?.message).toContain('[redacted]');
    assertNoCanary(token, { logs: run.logs, error: run.error, details: run.error?.details });
  });
});

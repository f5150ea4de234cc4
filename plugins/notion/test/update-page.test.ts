import { assertNoCanary, nock, recordRequests, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';
import {
  canaryToken,
  expectNotionHeaders,
  fixture,
  integrationCredential,
  NOTION_ORIGIN,
  notionError,
  oauthCredential,
  PAGE_ID,
  useClosedNetwork,
} from './support.js';

useClosedNetwork();

const PAGE_PATH = `/v1/pages/${PAGE_ID}`;
const IN_STOCK = { 'In stock': { checkbox: true } };

describe('Update Page', () => {
  test('PATCHes only the given properties and the archive flag', async () => {
    const token = canaryToken();
    const scope = nock(NOTION_ORIGIN).patch(PAGE_PATH).reply(200, fixture('page-archived.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID.replace(/-/g, ''), properties: IN_STOCK, archived: true },
      { credential: integrationCredential(token) },
    );

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ object: 'page', id: PAGE_ID, archived: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url).toBe(`https://api.notion.com${PAGE_PATH}`);
    expectNotionHeaders(requests[0], token);
    expect(requests[0]?.body).toEqual({ properties: IN_STOCK, archived: true });
    assertNoCanary(token, { logs: run.logs, output: run.output });
  });

  test('takes the page from a link to a page opened over its database (?p=)', async () => {
    const scope = nock(NOTION_ORIGIN).patch(PAGE_PATH).reply(200, fixture('page-archived.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'updatePage',
      {
        page_id: `https://www.notion.so/acme/d9824bdc84454327be8b5b47500af6ce?v=4f5b6c7d8e9f40a1b2c3d4e5f6a7b8c9&p=${PAGE_ID.replace(/-/g, '')}&pm=s`,
        archived: true,
      },
      { credential: integrationCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.path).toBe(PAGE_PATH);
  });

  test('restores a page from the trash with in_trash: false alone', async () => {
    const scope = nock(NOTION_ORIGIN)
      .patch(PAGE_PATH)
      .reply(200, { ...fixture('page-archived.json'), archived: false, in_trash: false });
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, in_trash: false },
      { credential: integrationCredential() },
    );

    expect(run.ok).toBe(true);
    expect(requests[0]?.body).toEqual({ in_trash: false });
  });

  test('retries the update after conflict_error, since setting the same values twice is harmless', async () => {
    const scope = nock(NOTION_ORIGIN)
      .patch(PAGE_PATH)
      .reply(409, notionError('conflict_error'))
      .patch(PAGE_PATH)
      .reply(200, fixture('page-archived.json'));
    const requests = recordRequests(scope);

    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, properties: IN_STOCK },
      { credential: integrationCredential() },
    );

    expect(requests).toHaveLength(2);
    expect(run.retryDelays).toHaveLength(1);
    expect(run.ok).toBe(true);
  });

  test('refreshes an expired OAuth token once on 401 and updates with the new one', async () => {
    const expired = canaryToken();
    const fresh = canaryToken();
    const scope = nock(NOTION_ORIGIN)
      .patch(PAGE_PATH)
      .reply(401, notionError('unauthorized'))
      .patch(PAGE_PATH)
      .reply(200, fixture('page-archived.json'));
    const requests = recordRequests(scope);
    let refreshes = 0;
    const credential = {
      ...oauthCredential(expired),
      refresh: async () => {
        refreshes++;
        return { accessToken: fresh, tokenType: 'bearer' };
      },
    };

    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, archived: true },
      { credential },
    );

    expect(run.ok).toBe(true);
    expect(refreshes).toBe(1);
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${expired}`,
      `Bearer ${fresh}`,
    ]);
    assertNoCanary(fresh, { logs: run.logs, output: run.output });
  });
});

describe('Update Page when Notion refuses', () => {
  test('tells the user to share the page with the integration on object_not_found', async () => {
    nock(NOTION_ORIGIN)
      .patch(PAGE_PATH)
      .reply(404, {
        ...notionError('object_not_found'),
        message: `Could not find page with ID: ${PAGE_ID}. Make sure the relevant pages and databases are shared with your integration.`,
      });

    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, archived: true },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe('object_not_found');
    expect(run.error?.hint).toContain('pick your integration');
  });
});

describe('Update Page input', () => {
  test('names properties when there is nothing to change, without calling Notion', async () => {
    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, properties: {} },
      { credential: integrationCredential() },
    );

    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['properties']);
    expect(run.error?.fields?.[0]?.message).toContain('Nothing to change');
  });

  test('names in_trash when it contradicts archived', async () => {
    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: PAGE_ID, archived: true, in_trash: false },
      { credential: integrationCredential() },
    );

    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['in_trash']);
  });

  test('names a page_id that is not a Notion id or link', async () => {
    const run = await runNode(
      plugin,
      'updatePage',
      { page_id: 'https://www.notion.so/acme/Groceries', archived: true },
      { credential: integrationCredential() },
    );

    expect(run.error?.fields?.map((problem) => problem.path)).toEqual(['page_id']);
    expect(run.error?.fields?.[0]?.message).toContain('Give the page ID');
  });
});

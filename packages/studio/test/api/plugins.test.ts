import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalApi, startLocalApi } from '../support/local-api.js';
import { openStudio, type Studio } from '../support/open-studio.js';

let studio: Studio;
let api: LocalApi;
beforeAll(async () => {
  studio = await openStudio();
  api = await startLocalApi('the-right-token');
});
afterAll(async () => {
  await studio.close();
  await api.close();
});

interface Card {
  name: string;
  status: string;
  credentialCount: number;
  icon: string | null;
  [key: string]: unknown;
}

async function card(name: string): Promise<Card> {
  const { plugins } = (await studio.api('GET', '/api/plugins')).json() as { plugins: Card[] };
  const found = plugins.find((plugin) => plugin.name === name);
  if (!found) throw new Error(`no card for ${name}`);
  return found;
}

describe('GET /api/plugins', () => {
  test('lists the installed plugins as cards, not set up before any credential', async () => {
    const response = await studio.api('GET', '/api/plugins');
    expect(response.statusCode).toBe(200);
    const names = response.json().plugins.map((plugin: Card) => plugin.name);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'slack', 'webhook']));
    expect(await card('webhook')).toEqual({
      name: 'webhook',
      displayName: 'Webhook & HTTP',
      description: expect.any(String),
      icon: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      categories: ['Developer Tools'],
      version: expect.any(String),
      docsUrl: expect.any(String),
      nodeCount: 3,
      credentialTypes: [
        'webhook.bearerToken',
        'webhook.headerAuth',
        'webhook.basicAuth',
        'webhook.hmacSecret',
        'webhook.oauth2',
      ],
      status: 'not_set_up',
      credentialCount: 0,
    });
  });

  test('the icon is the manifest’s SVG as a data: URL', async () => {
    const { icon } = await card('slack');
    const svg = Buffer.from(String(icon).split(',')[1] ?? '', 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[\s>]/);
  });

  test('a plugin turns connected once one of its credentials is saved, and failing when its test fails', async () => {
    const saved = await studio.api('POST', '/api/credentials', {
      name: 'card-status',
      type: 'webhook.bearerToken',
      data: { token: 'a-wrong-token', testUrl: `${api.url}/me` },
    });
    expect(saved.statusCode).toBe(201);
    expect(await card('webhook')).toMatchObject({ status: 'connected', credentialCount: 1 });
    expect((await card('slack')).status).toBe('not_set_up');

    const tested = await studio.api('POST', `/api/credentials/${saved.json().credential.id}/test`);
    expect(tested.json().ok).toBe(false);
    expect((await card('webhook')).status).toBe('failing');
    await studio.api('DELETE', `/api/credentials/${saved.json().credential.id}`);
    expect(await card('webhook')).toMatchObject({ status: 'not_set_up', credentialCount: 0 });
  });
});

describe('GET /api/plugins/:name', () => {
  test('gives the card, the nodes by kind and the credential types', async () => {
    const response = await studio.api('GET', '/api/plugins/webhook');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.plugin.name).toBe('webhook');
    const kinds = Object.fromEntries(
      body.nodes.map((node: { key: string; kind: string }) => [node.key, node.kind]),
    );
    expect(kinds).toEqual({
      'webhook.trigger': 'webhook',
      'webhook.respond': 'action',
      'webhook.call': 'action',
    });
    expect(body.nodes.find((node: { key: string }) => node.key === 'webhook.call')).toEqual({
      key: 'webhook.call',
      displayName: 'Call',
      description: expect.any(String),
      kind: 'action',
      credentialTypes: [
        'webhook.bearerToken',
        'webhook.headerAuth',
        'webhook.basicAuth',
        'webhook.oauth2',
      ],
      credentialRequired: false,
    });
    const oauth2 = body.credentialTypes.find(
      (type: { type: string }) => type.type === 'webhook.oauth2',
    );
    expect(oauth2).toMatchObject({
      plugin: 'webhook',
      kind: 'oauth2',
      oauth: { provider: 'custom', grant: 'authorization_code', scopes: [] },
    });
  });

  test('slack’s OAuth type names its provider and the scopes it asks for', async () => {
    const response = await studio.api('GET', '/api/credential-types/slack.oauth2');
    expect(response.statusCode).toBe(200);
    expect(response.json().oauth).toEqual({
      provider: 'slack',
      displayName: 'Slack',
      grant: 'authorization_code',
      scopes: expect.arrayContaining(['chat:write']),
    });
  });

  test('an unknown plugin is a 404 saying where to look', async () => {
    const response = await studio.api('GET', '/api/plugins/slak');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'unknown_plugin',
      message: expect.stringContaining('slak'),
      hint: expect.any(String),
    });
  });
});

describe('GET /api/nodes/:key', () => {
  test('gives the input and output JSON Schema with the UI hints kept', async () => {
    const response = await studio.api('GET', '/api/nodes/webhook.call');
    expect(response.statusCode).toBe(200);
    const node = response.json();
    expect(node).toMatchObject({ key: 'webhook.call', plugin: 'webhook', kind: 'action' });
    expect(node.input.properties.url['x-knotwork']).toMatchObject({ field: 'url' });
    expect(node.output.properties.status).toBeDefined();
  });

  test('a polling or webhook trigger says so', async () => {
    const response = await studio.api('GET', '/api/nodes/webhook.trigger');
    expect(response.json().kind).toBe('webhook');
  });

  test('an unknown node is a 404 suggesting the closest', async () => {
    const response = await studio.api('GET', '/api/nodes/webhook.cal');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'unknown_node',
      hint: expect.stringContaining('webhook.call'),
    });
  });
});

describe('GET /api/credential-types/:type', () => {
  test('gives the form schema with secret fields marked', async () => {
    const response = await studio.api('GET', '/api/credential-types/postgres.connection');
    expect(response.statusCode).toBe(200);
    const info = response.json();
    expect(info).toMatchObject({
      type: 'postgres.connection',
      plugin: 'postgres',
      kind: expect.any(String),
      displayName: expect.any(String),
    });
    expect(info.schema.properties.password['x-knotwork'].secret).toBe(true);
    expect(info.schema.properties.host['x-knotwork']?.secret).toBeUndefined();
    expect(info.oauth).toBeUndefined();
  });

  test('an unknown type is a 404', async () => {
    const response = await studio.api('GET', '/api/credential-types/postgres.nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('unknown_credential_type');
  });
});

describe('GET /api/openapi.json', () => {
  test('documents every API route as OpenAPI 3.1, from the same schemas', async () => {
    const response = await studio.api('GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /api/session',
        'POST /api/login',
        'POST /api/logout',
        'GET /api/openapi.json',
        'GET /api/plugins',
        'GET /api/plugins/{name}',
        'GET /api/plugins/{name}/docs',
        'GET /api/nodes/{key}',
        'GET /api/credential-types/{type}',
        'GET /api/credentials',
        'POST /api/credentials',
        'GET /api/credentials/{id}',
        'PATCH /api/credentials/{id}',
        'DELETE /api/credentials/{id}',
        'POST /api/credentials/{id}/test',
        'GET /api/oauth/redirect-uri',
        'POST /api/oauth/connect',
        'POST /api/oauth/reconnect',
        'POST /api/nodes/{key}/run',
        'GET /api/binaries/{id}',
      ].sort(),
    );
    const create = document.paths['/api/credentials'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['name', 'type', 'data']),
    });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    const list = document.paths['/api/credentials'].get;
    expect(list.parameters).toEqual([
      {
        name: 'type',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'string' }),
      },
    ]);
    expect(document.components.schemas.Error.properties.error).toBeDefined();
  });
});

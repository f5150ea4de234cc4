import { createHmac } from 'node:crypto';
import { assertNoCanary, createCanary, deliverWebhook, runNode } from '@knotwork/testing';
import { describe, expect, test } from 'vitest';
import plugin from '../src/index.js';

describe('Webhook Trigger', () => {
  test('turns a JSON POST into one item and answers immediately', async () => {
    const run = await deliverWebhook(
      plugin,
      'trigger',
      { path: 'orders/new' },
      {
        method: 'POST',
        path: 'orders/new',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' },
        query: { source: 'shop' },
        body: { id: 42, total: 9.5 },
      },
    );
    expect(run.output).toEqual({
      items: [
        {
          method: 'POST',
          path: 'orders/new',
          headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
          query: { source: 'shop' },
          body: { id: 42, total: 9.5 },
        },
      ],
      response: { status: 200, body: { received: true } },
    });
  });

  test('refuses another method with 405 and starts nothing', async () => {
    const run = await deliverWebhook(plugin, 'trigger', { method: 'POST' }, { method: 'GET' });
    expect(run.output).toEqual({
      items: [],
      response: {
        status: 405,
        headers: { allow: 'POST' },
        body: { error: 'This webhook accepts POST only' },
      },
    });
  });

  test('with respond=responseNode, leaves the answer to a Respond to Webhook node', async () => {
    const run = await deliverWebhook(
      plugin,
      'trigger',
      { respond: 'responseNode' },
      { body: { a: 1 } },
    );
    expect(run.output?.items).toHaveLength(1);
    expect(run.output?.response).toBeUndefined();
  });

  test('answers immediately with the configured status and body', async () => {
    const run = await deliverWebhook(
      plugin,
      'trigger',
      { responseStatus: 202, responseBody: { queued: true } },
      { body: {} },
    );
    expect(run.output?.response).toEqual({ status: 202, body: { queued: true } });
  });

  test('header auth accepts the right value and drops the header from the item', async () => {
    const secret = createCanary('header');
    const credential = { key: 'headerAuth', data: { name: 'X-Api-Key', value: secret } };
    const accepted = await deliverWebhook(
      plugin,
      'trigger',
      { authentication: 'header' },
      { headers: { 'x-api-key': secret }, body: { ok: 1 } },
      { credential },
    );
    expect(accepted.output?.items).toHaveLength(1);
    expect(accepted.output?.items[0]).not.toHaveProperty('headers.x-api-key');
    const refused = await deliverWebhook(
      plugin,
      'trigger',
      { authentication: 'header' },
      { headers: { 'x-api-key': 'guess' }, body: {} },
      { credential },
    );
    expect(refused.output).toEqual({
      items: [],
      response: { status: 403, body: { error: 'Missing or wrong X-Api-Key header' } },
    });
    assertNoCanary(secret, {
      accepted: accepted.output,
      refused: refused.output,
      logs: refused.logs,
    });
  });

  test('basic auth checks user and password', async () => {
    const credential = { key: 'basicAuth', data: { username: 'hook', password: 'pw-1234' } };
    const good = `Basic ${Buffer.from('hook:pw-1234').toString('base64')}`;
    const ok = await deliverWebhook(
      plugin,
      'trigger',
      { authentication: 'basic' },
      { headers: { authorization: good } },
      { credential },
    );
    const bad = await deliverWebhook(
      plugin,
      'trigger',
      { authentication: 'basic' },
      { headers: { authorization: `Basic ${Buffer.from('hook:nope').toString('base64')}` } },
      { credential },
    );
    expect(ok.output?.items).toHaveLength(1);
    expect(ok.output?.items[0]).not.toHaveProperty('headers.authorization');
    expect(bad.output?.response?.status).toBe(401);
  });

  test('HMAC auth verifies a GitHub-style signature over the raw body', async () => {
    const secret = 'whsec-0123456789';
    const body = '{"action":"opened","number":7}';
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const settings = {
      authentication: 'hmac',
      signature: { header: 'X-Hub-Signature-256', prefix: 'sha256=' },
    };
    const credential = { key: 'hmacSecret', data: { secret } };
    const ok = await deliverWebhook<{ body: unknown }>(
      plugin,
      'trigger',
      settings,
      { headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body },
      { credential },
    );
    expect(ok.output?.items[0]?.body).toEqual({ action: 'opened', number: 7 });
    // Same JSON, different bytes: the signature covers the raw body, so it must fail.
    const reformatted = await deliverWebhook(
      plugin,
      'trigger',
      settings,
      {
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: '{"action": "opened", "number": 7}',
      },
      { credential },
    );
    expect(reformatted.output?.response?.status).toBe(401);
  });

  test('fails closed when authentication is on but no credential is picked', async () => {
    const run = await deliverWebhook(plugin, 'trigger', { authentication: 'hmac' }, { body: {} });
    expect(run.output?.items).toEqual([]);
    expect(run.output?.response?.status).toBe(500);
  });

  test('names a bad path', async () => {
    const run = await deliverWebhook(plugin, 'trigger', { path: 'a b?c' }, { body: {} });
    expect(run.error?.code).toBe('invalid_input');
    expect(run.error?.fields?.[0]?.path).toBe('path');
  });
});

describe('Respond to Webhook', () => {
  test('returns the answer with a JSON content type for objects', async () => {
    const run = await runNode(plugin, 'respond', { status: 201, body: { id: 7 } });
    expect(run.output).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: { id: 7 },
    });
  });

  test('keeps a content type the user set, whatever its case', async () => {
    const run = await runNode(plugin, 'respond', {
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b\n1,2',
    });
    expect(run.output).toEqual({
      status: 200,
      headers: { 'content-type': 'text/csv' },
      body: 'a,b\n1,2',
    });
  });

  test('names an impossible status', async () => {
    const run = await runNode(plugin, 'respond', { status: 99 });
    expect(run.error?.fields?.[0]).toMatchObject({ path: 'status', expected: '>= 100' });
  });
});

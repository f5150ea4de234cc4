import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStudio, type Studio } from '../support/open-studio.js';

const page = { accept: 'text/html,application/xhtml+xml' };

describe('with the web app built', () => {
  let studio: Studio;
  beforeAll(async () => {
    const webRoot = await mkdtemp(join(tmpdir(), 'knotwork-studio-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><div id="root">studio app</div>');
    await writeFile(join(webRoot, 'assets/app.js'), 'console.log("studio")');
    studio = await openStudio({ webRoot });
  });
  afterAll(() => studio.close());

  test('/ serves the app', async () => {
    const response = await studio.raw({ method: 'GET', url: '/', headers: page });
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('studio app');
  });

  test('its assets are served as files', async () => {
    const response = await studio.raw({ method: 'GET', url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  test('a history-API route falls back to index.html', async () => {
    const response = await studio.raw({
      method: 'GET',
      url: '/credentials?connected=abc',
      headers: page,
    });
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('studio app');
  });

  test('unknown /api and /oauth paths stay JSON 404s, even for a browser', async () => {
    for (const url of ['/api/nope', '/oauth/nope']) {
      const response = await studio.raw({ method: 'GET', url, headers: page });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  test('a missing file asked for by a script is a 404, not the app', async () => {
    const response = await studio.raw({ method: 'GET', url: '/assets/missing.js' });
    expect(response.statusCode).toBe(404);
  });
});

describe('without a build', () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await openStudio();
  });
  afterAll(() => studio.close());

  test('/ and app routes answer a short page saying how to build it', async () => {
    for (const url of ['/', '/plugins/slack']) {
      const response = await studio.raw({ method: 'GET', url, headers: page });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.payload).toContain('not built');
      expect(response.payload).toContain('pnpm --filter @knotwork/studio build');
    }
  });
});

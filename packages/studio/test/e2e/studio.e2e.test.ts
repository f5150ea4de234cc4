import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStudio, startStudio } from '../../src/index.js';
import { packageDir } from '../support/open-studio.js';
import {
  type AuthorizationServer,
  startAuthorizationServer,
} from './support/authorization-server.js';
import { chromiumAvailable, type LaunchedBrowser, launchChromium } from './support/chromium.js';
import { type ProtectedApi, startProtectedApi } from './support/protected-api.js';

/**
 * A new user's first steps, in a real browser against the real server: find an
 * integration, set up its credential by form and test it, connect an OAuth credential
 * through a real authorization server, run a node with a credential picked from the
 * dropdown, delete the credentials. Every step leaves a screenshot (in
 * test-output/screenshots, or KNOTWORK_SCREENSHOTS_DIR: the docs' images come from here).
 */
const API_TOKEN = 'e2e-canary-api-token-6f1d0c9b';
const CLIENT_SECRET_CANARY = 'studio-e2e-client-secret-5b7d21';
const screenshots =
  process.env.KNOTWORK_SCREENSHOTS_DIR ?? join(packageDir, 'test-output', 'screenshots');

/** The repository root, as `pnpm start` serves it: every plugin of the monorepo is installed there. */
const repoRoot = join(packageDir, '..', '..');

const run = chromiumAvailable() ? describe : describe.skip;

run('the studio in Chromium', { timeout: 60_000 }, () => {
  let home: string;
  let studio: RunningStudio;
  let oauth: AuthorizationServer;
  let api: ProtectedApi;
  let chromium: LaunchedBrowser;
  let page: Page;
  /** Every answer of the studio's own API the browser received, for the canary check. */
  const apiBodies: string[] = [];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'knotwork-e2e-'));
    await mkdir(screenshots, { recursive: true });
    studio = await startStudio({
      port: 0,
      dirs: [repoRoot],
      env: {
        KNOTWORK_HOME: home,
        KNOTWORK_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        KNOTWORK_KEY_SOURCE: 'env',
      },
      print: () => {},
      log: () => {},
    });
    oauth = await startAuthorizationServer(`${studio.url}/oauth/callback`);
    api = await startProtectedApi(async (authorization) => {
      const token = authorization?.replace(/^Bearer /, '') ?? '';
      return token === API_TOKEN || (await oauth.isActive(token));
    });
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Fail a step with playwright's own message (which element it waited for), well
    // before the test's timeout does.
    page.setDefaultTimeout(10_000);
    page.on('response', async (response) => {
      if (!response.url().startsWith(`${studio.url}/api/`)) return;
      apiBodies.push(await response.text().catch(() => ''));
    });
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await studio?.close();
    await oauth?.close();
    await api?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  /** A form control by its label; required fields' labels end in an asterisk. */
  const labelled = (role: 'textbox' | 'combobox', label: string) =>
    page.getByRole(role, { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}\\*?$`) });
  const textbox = (label: string) => labelled('textbox', label);

  // Sticky parts (sidebar, node list) would be drawn where the page is scrolled to.
  const shot = async (name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  };

  it('opens on the integrations, with a way in for a new user', async () => {
    await page.goto(studio.url);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Integrations', level: 1 }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('Webhook & HTTP').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Slack', { exact: true }).isVisible()).toBe(true);
    await shot('integrations');
    // The same page on a phone: cards stack, nothing is cut off sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot('integrations-mobile');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('finds the webhook integration and sets up a bearer token by form, tested against a local server', async () => {
    await page.getByPlaceholder('Search integrations').fill('webhook');
    await expect.poll(() => page.getByText('Slack', { exact: true }).count()).toBe(0);
    await page.getByText('Webhook & HTTP').click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Webhook & HTTP/, level: 1 }).isVisible())
      .toBe(true);
    await shot('integration-detail');

    const bearerCard = page.locator('article', { hasText: 'Bearer token' }).first();
    await bearerCard.getByRole('link', { name: 'Set up' }).click();
    await textbox('Name').fill('local-api');
    await textbox('Token').fill(API_TOKEN);
    await page.getByText('Advanced').click();
    await textbox('Test URL').fill(`${api.url}/me`);
    await shot('credential-form');
    await page.getByRole('button', { name: 'Save and test' }).click();

    await expect
      .poll(() => page.getByText('Test passed').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await shot('credential-saved');
    const test = api.requests.find((request) => request.path === '/me');
    expect(test?.headers.authorization).toBe(`Bearer ${API_TOKEN}`);
  });

  it('shows a failed test with what to do about it', async () => {
    const before = api.requests.length;
    await page.goto(`${studio.url}/credentials/new?plugin=webhook&type=webhook.bearerToken`);
    await textbox('Name').fill('wrong-token');
    await textbox('Token').fill('not-the-right-token');
    await page.getByText('Advanced').click();
    await textbox('Test URL').fill(`${api.url}/me`);
    await page.getByRole('button', { name: 'Save and test' }).click();
    await expect
      .poll(() => page.getByText('The connection test failed').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(api.requests.length).toBe(before + 1);
    expect(await page.locator('.saved-panel').textContent()).toMatch(/401/);
  });

  it('connects an OAuth2 credential through a real authorization server and comes back connected', async () => {
    await page.goto(`${studio.url}/credentials/new?plugin=webhook&type=webhook.oauth2`);
    await textbox('Name').fill('loopback-oauth');
    await textbox('Authorization URL').fill(oauth.authorizationUrl);
    await textbox('Token URL').fill(oauth.tokenUrl);
    await textbox('Client ID').fill(oauth.clientId);
    await textbox('Client secret').fill(oauth.clientSecret);
    await textbox('Scopes').fill('api:read');
    await page.getByText('Advanced').click();
    await textbox('Revocation URL').fill(oauth.revocationUrl);
    await labelled('combobox', 'Client authentication').selectOption('basic');
    // What the user registers with the provider: this studio's own callback.
    await expect
      .poll(() => textbox('Redirect URI').inputValue())
      .toBe(`${studio.url}/oauth/callback`);
    await shot('oauth-form');
    await page.getByRole('button', { name: /^Connect with/ }).click();

    // oidc-provider's own login and consent pages.
    await page.waitForURL(`${oauth.issuer}/**`);
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();

    await page.waitForURL(`${studio.url}/credentials**`);
    await expect
      .poll(() => page.getByText('“loopback-oauth” is connected').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    const row = page.getByRole('row', { name: /loopback-oauth/ });
    expect(await row.textContent()).toMatch(/Connected/);
    await shot('credentials');
  });

  it('runs Webhook Call from the playground with a credential picked from the dropdown', async () => {
    await page.goto(`${studio.url}/playground/webhook.call`);
    const credential = labelled('combobox', 'Credential');
    await expect
      .poll(() => credential.locator('option').allInnerTexts())
      .toEqual(expect.arrayContaining(['local-api', 'loopback-oauth']));
    await credential.selectOption({ label: 'loopback-oauth' });
    await textbox('URL').fill(`${api.url}/orders`);
    await page.getByRole('button', { name: 'Run' }).click();

    const result = page.getByRole('region', { name: 'Succeeded' });
    await expect.poll(() => result.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await result.textContent()).toContain('/orders');
    await shot('playground');
    const call = api.requests.findLast((request) => request.path === '/orders');
    const accessToken = call?.headers.authorization?.replace(/^Bearer /, '') ?? '';
    expect(await oauth.isActive(accessToken)).toBe(true);
  });

  it('deletes credentials after asking, revoking the OAuth token at the provider', async () => {
    const lastCall = api.requests.findLast((request) => request.path === '/orders');
    const accessToken = lastCall?.headers.authorization?.replace(/^Bearer /, '') ?? '';
    await page.goto(`${studio.url}/credentials`);
    await page.getByRole('button', { name: 'Delete loopback-oauth' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await shot('delete-dialog');
    await dialog.getByRole('button', { name: 'Delete credential' }).click();
    await expect.poll(() => page.getByRole('row', { name: /loopback-oauth/ }).count()).toBe(0);
    expect(await oauth.isActive(accessToken)).toBe(false);

    for (const name of ['local-api', 'wrong-token']) {
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete credential' }).click();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    }
    await expect.poll(() => page.getByText(/No credentials yet/).isVisible()).toBe(true);
    await shot('credentials-empty');
  });

  it('never sent a secret to the browser', () => {
    expect(apiBodies.length).toBeGreaterThan(10);
    for (const body of apiBodies) {
      expect(body).not.toContain(API_TOKEN);
      expect(body).not.toContain(CLIENT_SECRET_CANARY);
    }
  });
});

run('a studio that needs its token, in Chromium', { timeout: 60_000 }, () => {
  const STUDIO_TOKEN = 'e2e-studio-token-4c8a1f93d2b7';
  let home: string;
  let studio: RunningStudio;
  let chromium: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'knotwork-e2e-auth-'));
    await mkdir(screenshots, { recursive: true });
    studio = await startStudio({
      port: 0,
      authToken: STUDIO_TOKEN,
      dirs: [repoRoot],
      env: {
        KNOTWORK_HOME: home,
        KNOTWORK_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        KNOTWORK_KEY_SOURCE: 'env',
      },
      print: () => {},
      log: () => {},
    });
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await studio?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const signedInHeading = () => page.getByRole('heading', { name: 'Integrations', level: 1 });
  const loginHeading = () => page.getByRole('heading', { name: 'Sign in to knotwork studio' });

  it('signs in with the token, and signing out ends the session for good', async () => {
    await page.goto(studio.url);
    await expect.poll(() => loginHeading().isVisible()).toBe(true);
    await page.getByLabel('Access token').fill(STUDIO_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => signedInHeading().isVisible()).toBe(true);
    const [session] = await page.context().cookies();
    expect(session?.name).toBe('knotwork_session');
    expect(session?.value).not.toContain(STUDIO_TOKEN);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(screenshots, 'signed-in.png') });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => loginHeading().isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => loginHeading().isVisible()).toBe(true);
    // The old cookie, sent again by hand, opens nothing.
    const replayed = await page.request.get(`${studio.url}/api/plugins`, {
      headers: { cookie: `knotwork_session=${session?.value ?? ''}` },
    });
    expect(replayed.status()).toBe(401);
  });

  it('offers Sign out on a phone as well', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByLabel('Access token').fill(STUDIO_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => signedInHeading().isVisible()).toBe(true);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    expect(await signOut.isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(screenshots, 'signed-in-mobile.png') });
    await signOut.click();
    await expect.poll(() => loginHeading().isVisible()).toBe(true);
  });
});

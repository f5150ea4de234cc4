import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (apt `chromium`): playwright-core cannot download a browser here. */
export const CHROMIUM_PATH = process.env.KNOTWORK_CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the end-to-end tests can run. CI sets KNOTWORK_REQUIRE_CHROMIUM=1 so a missing
 * browser fails the run instead of skipping the tests silently.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.KNOTWORK_REQUIRE_CHROMIUM === '1') {
    throw new Error(
      `Chromium is required (KNOTWORK_REQUIRE_CHROMIUM=1) but ${CHROMIUM_PATH} does not exist: apt-get install -y chromium`,
    );
  }
  return false;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium (playwright gives each launch a fresh profile). The
 * background-networking flags matter: this machine's network is closed, and Chromium's
 * own calls home would fail noisily.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

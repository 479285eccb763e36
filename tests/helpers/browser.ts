import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

import { launchChromium } from '../../bench/chromium.js';
import type { ParleyServer } from '../../electron/server/server.js';

export { CHROMIUM, launchChromium } from '../../bench/chromium.js';

/**
 * Chromium that trusts exactly these https test servers' certificates (by the SHA-256 of their
 * public key, `--ignore-certificate-errors-spki-list`); every other certificate error stays one.
 */
export function launchChromiumTrusting(...servers: ParleyServer[]) {
  const spki = servers.map((s) => {
    if (!s.tls) throw new Error(`${s.url} speaks plain http: start it with tls: 'auto'.`);
    return s.tls.spkiSha256;
  });
  return launchChromium({ trustSpki: spki });
}

/** Where screenshots go: test-results/screenshots, kept as CI artifacts. */
export const SCREENSHOTS = resolve('test-results', 'screenshots');

/** Saves a full-page screenshot under a readable name and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

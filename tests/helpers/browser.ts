import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../bench/chromium.js';

/** Where screenshots go: test-results/screenshots, kept as CI artifacts. */
export const SCREENSHOTS = resolve('test-results', 'screenshots');

/** Saves a full-page screenshot under a readable name and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

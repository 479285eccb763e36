/**
 * Debian's Chromium driven by playwright-core, with the flags that keep it off the (closed)
 * network. The benchmark and the end-to-end tests (tests/helpers/browser.ts) both launch it here.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; playwright's own browser download cannot work on our machines. */
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** What a launch may add. */
export interface ChromiumOptions {
  /**
   * base64 SHA-256 hashes of certificate public keys (SPKI) to accept although no CA signed
   * them: exactly the test server's self-signed certificate, never "ignore all errors".
   */
  trustSpki?: string[];
}

/** Launches headless Chromium, or says how to install it. */
export async function launchChromium(opts: ChromiumOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(opts.trustSpki?.length
        ? [`--ignore-certificate-errors-spki-list=${opts.trustSpki.join(',')}`]
        : []),
    ],
  });
}

/**
 * Joining a server by address: which URL (https first when no scheme was typed), and whose
 * certificate to trust. A desktop engine pins the fingerprint it was given (an invite link), or
 * the one the user confirmed as words; a later mismatch is refused, never silently accepted.
 */
import { ChatApiError } from '../api/calls.js';
import type { IdentityToConfirm } from '../api/chatApi.js';
import {
  fingerprintWords,
  IDENTITY_CHANGED,
  IDENTITY_CHANGED_MESSAGE,
  type HealthResponse,
} from '../protocol/index.js';
import { normalizeServerUrl } from './address.js';
import type { ChatClientDeps, StoredServer } from './deps.js';

/** The outcome: a server to add (with its pin), or an identity the user must confirm first. */
export type JoinPlan =
  { url: string; health: HealthResponse; fingerprint?: string } | { confirm: IdentityToConfirm };

/** Loopback hosts, where nobody else can sit in between. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)
  );
}

/** Whether traffic to this server is encrypted (https) or cannot be overheard (loopback). */
export function isPrivateUrl(url: string): boolean {
  return url.startsWith('https:') || isLoopbackUrl(url);
}

const unreachable = (url: string, err: unknown): ChatApiError =>
  new ChatApiError(
    'offline',
    `No Parley server answered at ${url} (${err instanceof Error ? err.message : String(err)}).`,
  );

/** Works out how to join `address`; `known` are the servers already on this device. */
export async function planJoin(
  deps: ChatClientDeps,
  args: { address: string; fingerprint?: string },
  known: readonly StoredServer[],
): Promise<JoinPlan> {
  const typedScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(args.address.trim());
  const url = normalizeServerUrl(args.address);
  // Parley hosts speak https; a bare "192.168.1.20:4747" means that unless only http answers.
  const candidates =
    !typedScheme && url.startsWith('http:') ? [url.replace(/^http:/, 'https:'), url] : [url];
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      return await planFor(deps, candidate, args.fingerprint, known);
    } catch (err) {
      if (err instanceof ChatApiError && err.code !== 'offline') throw err;
      lastError = err;
    }
  }
  throw lastError instanceof ChatApiError ? lastError : unreachable(url, lastError);
}

async function planFor(
  deps: ChatClientDeps,
  url: string,
  given: string | undefined,
  known: readonly StoredServer[],
): Promise<JoinPlan> {
  const identify = deps.http.identify;
  if (url.startsWith('https:') && identify) {
    let presented: string;
    try {
      presented = await identify.call(deps.http, url);
    } catch (err) {
      throw unreachable(url, err);
    }
    const expected = given ?? known.find((s) => s.url === url)?.fingerprint;
    if (expected !== undefined && expected !== presented)
      throw new ChatApiError(IDENTITY_CHANGED, IDENTITY_CHANGED_MESSAGE);
    if (expected === undefined)
      return { confirm: { url, fingerprint: presented, words: fingerprintWords(presented) } };
    let health: HealthResponse;
    try {
      health = await deps.http.health(url, undefined, { fingerprint: presented });
    } catch (err) {
      throw unreachable(url, err);
    }
    return { url, health, fingerprint: presented };
  }
  // A browser tab (its own certificate checks) or plain http (nothing to pin).
  if (given !== undefined && !url.startsWith('https:'))
    throw new ChatApiError('invalid', `${url} speaks plain http: it has no certificate to check.`);
  try {
    return { url, health: await deps.http.health(url) };
  } catch (err) {
    throw unreachable(url, err);
  }
}

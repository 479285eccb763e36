/**
 * `parley://join?url=<server>&fp=<sha256 hex>&code=<invite code>` links. They come from web
 * pages, chat messages and other programs via the operating system, so they are untrusted input:
 * parsed with zod, bounded in size, and only ever lead to a confirmation the user answers.
 */
import { z } from 'zod';
import { APP_SCHEME } from '../window/security.js';

/** Longest link accepted at all (the OS hands over whatever a page put in an href). */
export const MAX_LINK_LENGTH = 2048;

/** A join invitation taken from a link; nothing in it is trusted until the user confirms. */
export interface JoinLink {
  kind: 'join';
  /** The server's base address, http(s) only, without query or fragment. */
  url: string;
  /** The certificate's SHA-256 fingerprint, 64 lowercase hex digits (to pin; else confirmed as words). */
  fingerprint?: string;
  /** The invite code, when the link carries one. */
  inviteCode?: string;
}

/** What a link turned out to be: a join invitation, or why it was refused. */
export type LinkParseResult = { ok: true; link: JoinLink } | { ok: false; reason: string };

const ServerUrl = z
  .string({ error: 'the server address is missing' })
  .min(1, 'the server address is missing')
  .max(512, 'the server address is too long')
  .transform((text, ctx) => {
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'the server address is not a URL' });
      return z.NEVER;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'the server address must be http(s)' });
      return z.NEVER;
    }
    if (u.username || u.password) {
      ctx.addIssue({ code: 'custom', message: 'the server address must not carry a login' });
      return z.NEVER;
    }
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  });

const Fingerprint = z
  .string()
  .transform((s) => s.replace(/:/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'the fingerprint must be 64 hex digits (SHA-256)'));

const InviteCode = z
  .string()
  .min(1, 'the invite code is empty')
  .max(128, 'the invite code is too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'the invite code has characters no code has');

const JoinParams = z.strictObject(
  {
    url: ServerUrl,
    fp: Fingerprint.optional(),
    code: InviteCode.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'the link has unknown parts' : undefined,
  },
);

/** Parses one `parley://` link; anything unexpected is refused with a reason a person can read. */
export function parseParleyLink(raw: unknown): LinkParseResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a link' };
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, reason: 'the link is too long' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a link' };
  }
  if (u.protocol !== `${APP_SCHEME}:`) return { ok: false, reason: 'not a parley:// link' };
  // parley://join?… parses as host "join"; parley:join?… (no slashes) as pathname "join".
  const action = (u.host || u.pathname).replace(/^\/+|\/+$/g, '');
  if (action !== 'join')
    return { ok: false, reason: `unknown link action "${action.slice(0, 20)}"` };
  const params: Record<string, string> = {};
  for (const [key, value] of u.searchParams) {
    if (key in params) return { ok: false, reason: `"${key.slice(0, 20)}" is given twice` };
    params[key] = value;
  }
  const parsed = JoinParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue?.message ?? 'the link is not valid' };
  }
  const { url, fp, code } = parsed.data;
  return {
    ok: true,
    link: {
      kind: 'join',
      url,
      ...(fp !== undefined && { fingerprint: fp }),
      ...(code !== undefined && { inviteCode: code }),
    },
  };
}

/**
 * The link among a second instance's (or the first start's) command line, if any. Windows and
 * Linux start a new process with the link as an argument; only `parley:` arguments count, and an
 * argument that merely starts with `--` is never taken for a link.
 */
export function linkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${APP_SCHEME}:`));
}

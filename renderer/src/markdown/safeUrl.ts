/**
 * The only gate between message text and an href. A link target is kept only when it parses as
 * an absolute http:, https: or mailto: URL; the href is the parser's normalized form, never the
 * raw text, so spacing, case and entity tricks cannot smuggle another scheme through.
 */

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The normalized href for `raw`, or undefined when it must be shown as plain text. */
export function safeHref(raw: string): string | undefined {
  const text = raw.trim();
  // Whitespace or control characters inside a URL are never needed, and are how scheme
  // checks usually get fooled ("java\tscript:").
  if (text === '' || /[\s\p{Cc}]/u.test(text)) return undefined;
  if (!/^(https?:\/\/|mailto:)/i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (!ALLOWED.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && !url.hostname) return undefined;
  return url.href;
}

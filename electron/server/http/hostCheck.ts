import { isIP } from 'node:net';
import { hostname } from 'node:os';

/**
 * DNS-rebinding guard: a hostile page can point its own name at a LAN address, so that the
 * browser treats it as same-origin with this server. Such a request carries the hostile name in
 * its Host header. Address literals, localhost and this machine's own names are always fine
 * (no outside site can be served under them); other names only when the host allows them.
 */
export function hostAllowed(
  hostHeader: string | undefined,
  allowedHosts: readonly string[],
): boolean {
  // Browsers always send Host; only bare non-browser HTTP/1.0 clients omit it.
  if (hostHeader === undefined) return true;
  let name: string;
  try {
    name = new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  name = name.replace(/^\[(.*)\]$/, '$1');
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const machine = hostname().toLowerCase();
  if (name === machine || name === `${machine}.local`) return true;
  return allowedHosts.some((h) => h.toLowerCase() === name);
}

import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The address per-address limits are keyed by. Behind a reverse proxy every request comes from
 * the proxy, so with `trustProxy` the address the proxy saw (the last X-Forwarded-For entry) is
 * used, but only when the peer is on this machine: anyone else could write that header.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy || !LOOPBACK.test(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const last = entries[entries.length - 1];
  return last !== undefined && isIP(last) !== 0 ? last : peer;
}

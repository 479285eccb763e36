/** HTTP(S) requests for tests of the transport: pinned https, and plain http without redirects. */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { pinnedConnection } from '../../electron/transport/pinnedTls.js';

/** A finished answer. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** GET over http, or over https pinned to `fingerprint`; never follows redirects. */
export function get(
  url: string,
  opts: { fingerprint?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const done = (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? httpsRequest(
            u,
            {
              headers: opts.headers,
              ...(opts.fingerprint
                ? {
                    createConnection: pinnedConnection(opts.fingerprint) as unknown as (
                      ...a: unknown[]
                    ) => Socket,
                  }
                : {}),
            },
            done,
          )
        : httpRequest(u, { headers: opts.headers }, done);
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

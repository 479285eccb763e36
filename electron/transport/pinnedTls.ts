/**
 * Certificate pinning for the desktop engine's connections. A server's identity is the SHA-256
 * fingerprint of its certificate: a connection is handed to HTTP or WebSocket code only after
 * the handshake presented exactly the pinned certificate, so not one byte of a request (a
 * token, a password) reaches a server that is not the one the user confirmed.
 */
import { createHash } from 'node:crypto';
import { isIP, type Socket } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { IDENTITY_CHANGED_MESSAGE } from '../../shared/protocol/index.js';

/** The server presented another certificate than the pinned one. */
export class IdentityChangedError extends Error {
  readonly code = 'identity_changed';
  constructor(
    readonly host: string,
    readonly expected: string,
    readonly presented: string,
  ) {
    super(`${IDENTITY_CHANGED_MESSAGE} (${host})`);
    this.name = 'IdentityChangedError';
  }
}

/** SHA-256 (64 lowercase hex) of the certificate a TLS socket's peer presented. */
export function peerFingerprint(socket: TLSSocket): string | undefined {
  const raw = socket.getPeerCertificate()?.raw;
  return raw ? createHash('sha256').update(raw).digest('hex') : undefined;
}

type Callback = (err: Error | null, socket?: Socket) => void;

/**
 * A `createConnection` for node:https and ws: connects over TLS without CA checks (the
 * certificate is usually self-signed), then compares the presented certificate with the pin and
 * passes the socket on only when they are equal.
 */
export function pinnedConnection(fingerprint: string) {
  return (options: ConnectionOptions & { host?: string }, cb: Callback): undefined => {
    const host = options.host ?? 'localhost';
    const socket = connect({
      ...options,
      host,
      // SNI carries names only.
      servername: isIP(host) ? '' : host,
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (err: Error | null): void => {
      if (done) return;
      done = true;
      socket.off('error', finish);
      if (err) {
        socket.destroy();
        cb(err);
      } else cb(null, socket);
    };
    socket.once('error', finish);
    socket.once('secureConnect', () => {
      const presented = peerFingerprint(socket) ?? '';
      finish(
        presented === fingerprint
          ? null
          : new IdentityChangedError(`${host}:${options.port ?? 443}`, fingerprint, presented),
      );
    });
    return undefined;
  };
}

/** Connects once and reports the fingerprint of the certificate the server presents. */
export function presentedFingerprint(url: string, timeoutMs = 10_000): Promise<string> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port: Number(u.port || 443),
      servername: isIP(host) ? '' : host,
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('no answer')));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const fp = peerFingerprint(socket);
      socket.end();
      if (fp) resolve(fp);
      else reject(new Error('the server presented no certificate'));
    });
  });
}

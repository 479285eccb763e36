/**
 * The engine's WebSocket in Electron main (and Node tests): ws, holding to the pinned
 * certificate. A pin mismatch is reported as a close with CLOSE_CODES.identityChanged, which the
 * engine shows as "this server's identity changed" and never retries.
 */
import type { createConnection as netConnect } from 'node:net';
import WebSocket, { type ClientOptions } from 'ws';
import type { PinOptions, SocketFactory, SocketLike } from '../../shared/client/deps.js';
import { CLOSE_CODES, IDENTITY_CHANGED_MESSAGE } from '../../shared/protocol/index.js';
import { IdentityChangedError, pinnedConnection } from './pinnedTls.js';

/** A socket factory over ws with these options; `wrap` lets tests keep the raw sockets. */
export function createNodeSocketFactory(
  options: ClientOptions = {},
  wrap?: (ws: WebSocket) => void,
): SocketFactory {
  return (url: string, pin?: PinOptions): SocketLike => {
    const pinned = pin?.fingerprint !== undefined && url.startsWith('wss:');
    const ws = new WebSocket(
      url,
      pinned
        ? {
            ...options,
            // ws types createConnection as net's synchronous form; the callback form works too.
            createConnection: pinnedConnection(pin.fingerprint!) as unknown as typeof netConnect,
          }
        : options,
    );
    wrap?.(ws);
    return adapt(ws);
  };
}

/** The standard WebSocket surface the engine uses, over ws, with pin mismatches made visible. */
function adapt(ws: WebSocket): SocketLike {
  let identityError: IdentityChangedError | undefined;
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
  ws.on('open', () => socket.onopen?.({}));
  ws.on('message', (data, isBinary) =>
    socket.onmessage?.({ data: isBinary ? data : data.toString() }),
  );
  ws.on('error', (err) => {
    if (err instanceof IdentityChangedError) identityError = err;
    socket.onerror?.(err);
  });
  ws.on('close', (code, reason) =>
    socket.onclose?.(
      identityError
        ? { code: CLOSE_CODES.identityChanged, reason: IDENTITY_CHANGED_MESSAGE }
        : { code, reason: reason.toString() },
    ),
  );
  return socket;
}

/**
 * The engine's WebSocket in main: `ws` (pinned, nodeSocket.ts), with a message limit that fits the protocol (ws's own
 * default of 100 MiB would let a hostile server make main buffer that much per message).
 */
import type { SocketFactory } from '../../shared/client/deps.js';
import { LIMITS } from '../../shared/protocol/index.js';
import { createNodeSocketFactory } from './nodeSocket.js';

/** Options main gives every engine socket. */
export const SOCKET_OPTIONS = {
  maxPayload: LIMITS.maxServerMessageBytes,
  // The server turns compression off; asking for it would only cost memory.
  perMessageDeflate: false,
} as const;

/** Opens one engine socket, holding a wss connection to the server's pinned certificate. */
export const openSocket: SocketFactory = createNodeSocketFactory(SOCKET_OPTIONS);

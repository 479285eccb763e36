/**
 * The engine's WebSocket in main: `ws`, with a message limit that fits the protocol (ws's own
 * default of 100 MiB would let a hostile server make main buffer that much per message).
 */
import WebSocket from 'ws';
import type { SocketLike } from '../../shared/client/index.js';
import { LIMITS } from '../../shared/protocol/index.js';

/** Options main gives every engine socket. */
export const SOCKET_OPTIONS = {
  maxPayload: LIMITS.maxServerMessageBytes,
  // The server turns compression off; asking for it would only cost memory.
  perMessageDeflate: false,
} as const;

/** Opens one engine socket. */
export function openSocket(url: string): SocketLike {
  // ws implements the standard WebSocket surface the engine uses; its typings name events differently.
  return new WebSocket(url, SOCKET_OPTIONS) as unknown as SocketLike;
}

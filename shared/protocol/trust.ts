/** A server's identity: its certificate's SHA-256 fingerprint, and what a client says when it changes. */
import { z } from 'zod';

/** A certificate's SHA-256 fingerprint: 64 lowercase hex digits, the server's identity. */
export const Fingerprint = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (a SHA-256 fingerprint)');

/** Error code (client side, never sent by a server) when a pinned server shows another certificate. */
export const IDENTITY_CHANGED = 'identity_changed';

/** The text a client shows for IDENTITY_CHANGED. */
export const IDENTITY_CHANGED_MESSAGE =
  "This server's identity changed: it presented another certificate than the one you " +
  'confirmed, so Parley refused to connect. Someone may be impersonating it. If the host ' +
  'really replaced its certificate, remove the server and join again, comparing the words.';

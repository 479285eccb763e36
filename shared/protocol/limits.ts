/** Wire protocol version; bumped on any incompatible frame change. */
export const PROTOCOL_VERSION = 2;

/** Hard limits shared by client validation and the server. */
export const LIMITS = {
  /** Largest WebSocket message the server accepts (ws maxPayload). */
  maxFrameBytes: 64 * 1024,
  /**
   * Largest WebSocket message a client accepts from the server (its ws maxPayload): a resume
   * batch of 200 messages at the longest text, fully escaped, stays well under it.
   */
  maxServerMessageBytes: 16 * 1024 * 1024,
  nameMax: 32,
  roomNameMax: 40,
  topicMax: 200,
  textMax: 8000,
  emojiMax: 32,
  fileNameMax: 255,
  requestIdMax: 64,
  clientIdMax: 64,
  passwordMax: 256,
  /** A personal password (protects a name) is at least this long. */
  personalPasswordMin: 8,
  statusTextMax: 100,
  /** Largest profile picture upload (the client sends 256×256). */
  avatarBytesMax: 512 * 1024,
  /** Rooms with their own notification level, per user. */
  roomPrefsMax: 1000,
  /** Largest history page a client may ask for. */
  historyPageMax: 100,
  /** Default history page when the client gives no limit. */
  historyPageDefault: 50,
  /** Messages per resume batch frame. */
  syncBatch: 200,
  /** Member ids a room summary lists at most (`memberCount` has the full count). */
  summaryMembersMax: 100,
  /** Users `welcome` carries at most (the rest come from `directory` requests). */
  welcomeUsersMax: 200,
  /** Largest directory page (users per `directory` or `directory:changes` answer). */
  directoryPageMax: 200,
  /** Directory page when the client gives no limit. */
  directoryPageDefault: 50,
  /** Ids one `directory` request may ask for. */
  directoryIdsMax: 200,
  /** Longest search text. */
  searchTextMax: 200,
  /** Most hits in one search page, and the default. */
  searchPageMax: 50,
  searchPageDefault: 20,
  /** Deepest a search may page (offset). */
  searchOffsetMax: 1000,
  /** Most rooms or authors one search may name. */
  searchFilterMax: 20,
  /** Most uses one invite may allow. */
  inviteUsesMax: 1000,
  /** Longest an invite may stay valid (a year), in ms. */
  inviteLifeMaxMs: 365 * 24 * 3600_000,
} as const;

/** How long an invite stays valid when its maker gives no expiry (7 days). */
export const DEFAULT_INVITE_LIFE_MS = 7 * 24 * 3600_000;
/** A session token unused this long (30 days) expires. */
export const TOKEN_IDLE_EXPIRY_MS = 30 * 24 * 3600_000;

/** Default size limit for one uploaded file (2 GiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** WebSocket close codes the server sends: standard ones and its own 4xxx codes. */
export const CLOSE_CODES = {
  goingAway: 1001,
  tooBig: 1009,
  /** The client speaks a protocol version this server does not. */
  protocolMismatch: 4400,
  /** Hello was not sent in time or the session token is not valid. */
  unauthorized: 4401,
  /** An owner or admin removed the user ("kicked"); the session token still works. */
  kicked: 4403,
  /**
   * The session token was revoked while the socket was open: "signed out everywhere" or
   * "banned". Do not reconnect with that token.
   */
  revoked: 4410,
  /** The client kept flooding after being told to slow down. */
  rateLimited: 4429,
  /**
   * Never sent by a server: the desktop engine's own socket reports it when the server presented
   * another certificate than the pinned one (IDENTITY_CHANGED). The engine stops retrying.
   */
  identityChanged: 4495,
} as const;

/** One close the server sends: its code and exact reason text. */
export interface CloseReason {
  code: number;
  reason: string;
}

/**
 * Every close the server sends, with its exact reason text: the one table the server closes
 * from, and the one docs/protocol.md §6.2 is checked against (tests/unit/shared/protocol).
 */
export const CLOSE_REASONS = {
  shuttingDown: { code: CLOSE_CODES.goingAway, reason: 'server shutting down' },
  protocolMismatch: { code: CLOSE_CODES.protocolMismatch, reason: 'protocol version mismatch' },
  noHello: { code: CLOSE_CODES.unauthorized, reason: 'no hello' },
  unknownToken: { code: CLOSE_CODES.unauthorized, reason: 'unknown token' },
  signedOut: { code: CLOSE_CODES.unauthorized, reason: 'Signed out on this device.' },
  tooManyFrames: { code: CLOSE_CODES.rateLimited, reason: 'too many frames' },
  backlogFull: {
    code: CLOSE_CODES.rateLimited,
    reason: 'too many frames before hello finished',
  },
  tooManySessions: { code: CLOSE_CODES.rateLimited, reason: 'too many sessions' },
  kicked: { code: CLOSE_CODES.kicked, reason: 'kicked' },
  banned: { code: CLOSE_CODES.revoked, reason: 'banned' },
  signedOutEverywhere: { code: CLOSE_CODES.revoked, reason: 'signed out everywhere' },
} as const satisfies Record<string, CloseReason>;

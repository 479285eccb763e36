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
} as const;

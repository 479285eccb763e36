import { z } from 'zod';
import { Avatar, Message, Preferences, Role } from '../../../shared/protocol/index.js';

/**
 * Shapes of every file in a data directory, checked on load: a damaged file is found at start,
 * named, and restored or quarantined, never half-read. Objects are loose (unknown fields are
 * kept) so a document written by a newer minor version loses nothing when this one rewrites it.
 */

/** Version of the on-disk format; bump and add a migration in store.ts when it changes. */
export const DATA_FORMAT = 4;
// Format 2 moved users into segment files (users/); format 3 writes every core document at
// the first start and keeps a .bak of each, so a missing one is damage, not a fresh start;
// format 4 adds access.json (invites, invite-only).

const count = z.number().int().nonnegative();

/** parley.json: what this data directory is. */
export const MetaDoc = z.looseObject({
  format: z.number().int().positive(),
  createdAt: z.number(),
  /** Messages per segment file; fixed for the life of the folder. */
  segmentSize: z.number().int().positive(),
  /** Server settings that outlive a run (flags given at start override and update them). */
  settings: z.looseObject({ name: z.string().optional() }).optional(),
  /** Server-made secrets: the key that signs file-access credentials (base64url). */
  secrets: z.looseObject({ fileAccessKey: z.string().optional() }).optional(),
});
/** parley.json: what this data directory is. */
export type MetaDoc = z.infer<typeof MetaDoc>;

/** A slow salted hash (node:crypto scrypt) and the parameters it was made with. */
export const StoredSecret = z.looseObject({
  salt: z.string(),
  hash: z.string(),
  N: z.number(),
  r: z.number(),
  p: z.number(),
});
/** A slow salted hash and its parameters. */
export type StoredSecret = z.infer<typeof StoredSecret>;

/** One session token of a user (a device or tab). Only its hash is kept. */
export const StoredToken = z.looseObject({
  hash: z.string().min(1),
  createdAt: z.number(),
  /** Last hello or HTTP request with it (kept to the hour); 30 days unused and it expires. */
  lastUsedAt: z.number(),
  /** Set when a successor was handed out; the token then works for a grace period only. */
  rotatedAt: z.number().optional(),
});
/** One session token of a user. */
export type StoredToken = z.infer<typeof StoredToken>;

/** A registered user. Only hashes of session tokens are kept. */
export const StoredUser = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  avatar: Avatar,
  createdAt: z.number(),
  /** Older data: SHA-256 of the first device's token; moved into `tokens` at start. */
  tokenHash: z.string().optional(),
  /** Older data: tokens of further devices, as SHA-256; moved into `tokens` at start. */
  tokenHashes: z.array(z.string()).optional(),
  /** Every session token (one per device), with its use and rotation times. */
  tokens: z.array(StoredToken).optional(),
  /** Absent means member. */
  role: Role.optional(),
  /** Set when banned: every token is revoked and the name cannot come back. */
  bannedAt: z.number().optional(),
  /** The personal password that protects the name, as a salted scrypt hash. */
  secret: StoredSecret.optional(),
  /** SHA-256 of the unused one-time sign-in code. */
  codeHash: z.string().optional(),
  /** Profile picture: a file in avatars/. */
  avatarImage: z.string().optional(),
  statusText: z.string().optional(),
  statusEmoji: z.string().optional(),
  dnd: z.boolean().optional(),
  /** Directory version of this user's last change (registration, name or avatar). */
  version: z.number().int().nonnegative(),
});
/** A registered user. */
export type StoredUser = z.infer<typeof StoredUser>;

/** A room or DM. */
export const StoredRoom = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(['room', 'dm']),
  name: z.string(),
  topic: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  members: z.array(z.string()),
  /** Only members see a private room, its messages, files and member list. */
  private: z.boolean().optional(),
});
/** A room or DM. */
export type StoredRoom = z.infer<typeof StoredRoom>;

/** Metadata of an uploaded file; the bytes live at files/<id>. */
export const StoredFile = z.looseObject({
  id: z.string().min(1),
  roomId: z.string(),
  uploaderId: z.string(),
  name: z.string(),
  size: count,
  type: z.string(),
  createdAt: z.number(),
  /** Sequence of the message that shared it, once announced (a file is shared once). */
  seq: count.optional(),
});
/** Metadata of an uploaded file. */
export type StoredFile = z.infer<typeof StoredFile>;

/** One users/NNNNNNNN.json file: a run of users in registration order. */
export const UserSegment = z.looseObject({ format: z.literal(1), users: z.array(StoredUser) });
/** One users/NNNNNNNN.json file. */
export type UserSegment = z.infer<typeof UserSegment>;

/** prefs.json: userId → that person's preferences (only people who changed them). */
export const PrefsDoc = z.looseObject({ prefs: z.record(z.string(), Preferences) });
/** prefs.json */
export type PrefsDoc = z.infer<typeof PrefsDoc>;

/** An invite code and how much of it is left. */
export const StoredInvite = z.looseObject({
  code: z.string().min(1),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  maxUses: z.number().int().positive(),
  uses: count,
  revokedAt: z.number().optional(),
});
/** An invite code and how much of it is left. */
export type StoredInvite = z.infer<typeof StoredInvite>;

/** access.json: invites and the invite-only switch. */
export const AccessDoc = z.looseObject({
  inviteOnly: z.boolean(),
  invites: z.array(StoredInvite),
});
/** access.json */
export type AccessDoc = z.infer<typeof AccessDoc>;

/** rooms.json */
export const RoomsDoc = z.looseObject({ rooms: z.array(StoredRoom) });
/** rooms.json */
export type RoomsDoc = z.infer<typeof RoomsDoc>;

/** reads.json: userId → roomId → last read sequence. */
export const ReadsDoc = z.looseObject({ reads: z.record(z.string(), z.record(z.string(), count)) });
/** reads.json */
export type ReadsDoc = z.infer<typeof ReadsDoc>;

/** files.json */
export const FilesDoc = z.looseObject({ files: z.record(z.string(), StoredFile) });
/** files.json */
export type FilesDoc = z.infer<typeof FilesDoc>;

/**
 * seqs.json: per room, the highest sequence number ever handed out, rounded up to the end of its
 * segment. Kept apart from the segments so losing the newest segment never makes a number reused.
 */
export const SeqsDoc = z.looseObject({ rooms: z.record(z.string(), count) });
/** seqs.json */
export type SeqsDoc = z.infer<typeof SeqsDoc>;

/** One segment file: a bounded run of consecutive messages of one room. */
export const Segment = z
  .looseObject({
    format: z.literal(1),
    roomId: z.string(),
    /** Sequence number of messages[0]. */
    first: z.number().int().positive(),
    messages: z.array(Message),
  })
  .refine((s) => s.messages.every((m, i) => m.seq === s.first + i && m.roomId === s.roomId), {
    message: 'messages are not the consecutive run the segment claims',
  });
/** One segment file. */
export type Segment = z.infer<typeof Segment>;

import type { Avatar, Preferences } from '../../../shared/protocol/index.js';

/** Version of the on-disk format; bump and add a migration in store.ts when it changes. */
export const DATA_FORMAT = 2;

/** parley.json: what this data directory is. */
export interface MetaDoc {
  format: number;
  createdAt: number;
  /** Messages per segment file; fixed for the life of the folder. */
  segmentSize: number;
  /** Server settings that outlive a run (flags given at start override and update them). */
  settings?: { name?: string };
  /** Server-made secrets: the key that signs file-access credentials (base64url). */
  secrets?: { fileAccessKey?: string };
}

/** A registered user. Only a hash of the session token is kept. */
export interface StoredUser {
  id: string;
  name: string;
  avatar: Avatar;
  createdAt: number;
  /** SHA-256 of the first device's token; '' once that device signed out. */
  tokenHash: string;
  /** Directory version of this user's last change (registration, name or avatar). */
  version: number;
  /** Tokens of further devices (signed in with the personal password), as SHA-256. */
  tokenHashes?: string[];
  /** The personal password that protects the name, as a salted scrypt hash. */
  secret?: StoredSecret;
  /** SHA-256 of the unused one-time sign-in code. */
  codeHash?: string;
  /** Profile picture: a file in avatars/. */
  avatarImage?: string;
  statusText?: string;
  statusEmoji?: string;
  dnd?: boolean;
}

/** A slow salted hash (node:crypto scrypt) and the parameters it was made with. */
export interface StoredSecret {
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

/** A room or DM. */
export interface StoredRoom {
  id: string;
  kind: 'room' | 'dm';
  name: string;
  topic: string;
  createdBy: string;
  createdAt: number;
  members: string[];
}

/** Metadata of an uploaded file; the bytes live at files/<id>. */
export interface StoredFile {
  id: string;
  roomId: string;
  uploaderId: string;
  name: string;
  size: number;
  type: string;
  createdAt: number;
  /** Sequence of the message that shared it, once announced (a file is shared once). */
  seq?: number;
}

/** prefs.json: userId → that person's preferences (only people who changed them). */
export interface PrefsDoc {
  prefs: Record<string, Preferences>;
}
/** rooms.json */
export interface RoomsDoc {
  rooms: StoredRoom[];
}
/** reads.json: userId → roomId → last read sequence. */
export interface ReadsDoc {
  reads: Record<string, Record<string, number>>;
}
/** files.json */
export interface FilesDoc {
  files: Record<string, StoredFile>;
}

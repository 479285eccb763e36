import type { Avatar } from '../../../shared/protocol/index.js';

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
}

/** A registered user. Only a hash of the session token is kept. */
export interface StoredUser {
  id: string;
  name: string;
  avatar: Avatar;
  createdAt: number;
  tokenHash: string;
  /** Directory version of this user's last change (registration, name or avatar). */
  version: number;
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

import { z } from 'zod';
import { FileInfo, Message, ServerInfo, User } from './entities.js';
import { ErrorCode } from './errors.js';
import { Fingerprint } from './trust.js';

/** GET /api/health; `tls` is null when the server speaks plain http (--tls off). */
export const HealthResponse = ServerInfo.extend({
  ok: z.literal(true),
  tls: z.object({ fingerprint: Fingerprint }).nullable(),
});
/** GET /api/health. */
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Body of every non-2xx API response. */
export const HttpError = z.object({ error: ErrorCode, message: z.string() });
/** Body of every non-2xx API response. */
export type HttpError = z.infer<typeof HttpError>;

/** 201 answer to POST /api/rooms/:roomId/files. */
export const UploadResponse = z.object({ file: FileInfo });
/** 201 answer to an upload. */
export type UploadResponse = z.infer<typeof UploadResponse>;

/** Header carrying the original file name, percent-encoded (metadata only, never a path). */
export const FILE_NAME_HEADER = 'x-parley-filename';

/** 200 answer to POST /api/avatar: the user with the new picture. */
export const AvatarResponse = z.object({ user: User });
/** 200 answer to a picture upload. */
export type AvatarResponse = z.infer<typeof AvatarResponse>;

/**
 * Path prefix of the desktop app's update feed a host may serve (GET/HEAD /api/updates/{file}:
 * electron-updater's generic feed, `latest*.yml` plus the files they name).
 */
export const UPDATES_PATH = '/api/updates/';

/** 200 answer to GET /api/rooms/:roomId/export?format=json: the room's whole history. */
export const RoomExport = z.object({
  room: z.object({
    id: z.string(),
    kind: z.enum(['room', 'dm']),
    name: z.string(),
    topic: z.string(),
  }),
  exportedAt: z.number().int(),
  /** userId → display name, for every author in `messages`. */
  users: z.record(z.string(), z.string()),
  messages: z.array(Message),
});
/** A room's export. */
export type RoomExport = z.infer<typeof RoomExport>;

/**
 * Reading back what the engine stored on this device (a lowdb file in Electron, localStorage in a
 * tab). Another version, another tab, a half-written file or a person with devtools may have
 * written it, so it is checked entry by entry: a broken entry is dropped, the rest is kept.
 */
import { z } from 'zod';
import { FileInfo } from '../protocol/index.js';
import type { StoredClientData, StoredOutboxItem, StoredServer } from './deps.js';

// Loose objects: fields a newer engine adds survive a load/save by this version.
const OutboxItem = z.looseObject({
  clientId: z.string().min(1),
  roomId: z.string().min(1),
  text: z.string(),
  fileId: z.string().optional(),
  file: FileInfo.optional(),
  ts: z.number(),
  failed: z.string().optional(),
}) satisfies z.ZodType<StoredOutboxItem>;

const Server = z.looseObject({
  id: z.string().min(1),
  url: z.string().min(1),
  name: z.string(),
  token: z.string().optional(),
  lastName: z.string().optional(),
  muted: z.array(z.string()).catch([]),
  outbox: z.array(z.unknown()).catch([]),
  hosted: z.boolean().optional(),
});

const Hosting = z.looseObject({
  serverId: z.string().min(1),
  name: z.string(),
  port: z.number().int().min(0).max(65535),
  password: z.string().optional(),
}) satisfies z.ZodType<NonNullable<StoredClientData['hosting']>>;

/** What was read, and how many entries were dropped as invalid. */
export interface ReadStoredData {
  data: StoredClientData;
  dropped: number;
  /** The document itself is not Parley's (no servers list). */
  foreign: boolean;
}

/** Validates a stored document entry by entry. */
export function readStoredData(json: unknown): ReadStoredData {
  const doc = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const list = doc.servers;
  if (!Array.isArray(list)) return { data: { servers: [] }, dropped: 0, foreign: json !== null };
  const { servers: _servers, hosting, ...rest } = doc;
  const data: StoredClientData = { ...rest, servers: [] };
  let dropped = 0;
  for (const entry of list) {
    const server = Server.safeParse(entry);
    if (!server.success) {
      dropped++;
      continue;
    }
    const outbox = server.data.outbox.flatMap((item) => {
      const parsed = OutboxItem.safeParse(item);
      if (!parsed.success) dropped++;
      return parsed.success ? [parsed.data] : [];
    });
    data.servers.push({ ...server.data, outbox } satisfies StoredServer);
  }
  if (hosting !== undefined) {
    const parsed = Hosting.safeParse(hosting);
    if (parsed.success) data.hosting = parsed.data;
    else dropped++;
  }
  return { data, dropped, foreign: false };
}

/**
 * The in-tab engine's ClientStorage: one JSON document in localStorage. What comes back is checked
 * entry by entry, because another tab, an older version or a person with devtools may have
 * written it; a broken entry is dropped instead of breaking the app.
 */
import { z } from 'zod';
import type { ClientStorage, StoredClientData } from '../../../shared/client/deps.js';
import { FileInfo } from '../../../shared/protocol/index.js';

/** The localStorage key; versioned so a future format can move it aside. */
export const STORAGE_KEY = 'parley.client.v1';

const OutboxItem = z.object({
  clientId: z.string().min(1),
  roomId: z.string().min(1),
  text: z.string(),
  fileId: z.string().optional(),
  file: FileInfo.optional(),
  ts: z.number(),
  failed: z.string().optional(),
});

const Server = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  name: z.string(),
  token: z.string().optional(),
  lastName: z.string().optional(),
  muted: z.array(z.string()).catch([]),
  outbox: z.array(z.unknown()).catch([]),
  hosted: z.boolean().optional(),
});

const Hosting = z.object({
  serverId: z.string().min(1),
  name: z.string(),
  port: z.number().int(),
  password: z.string().optional(),
});

/** Parses stored text; anything unreadable becomes an empty store. */
export function parseStoredData(raw: string | null): StoredClientData {
  if (!raw) return { servers: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { servers: [] };
  }
  const list = (json as { servers?: unknown } | null)?.servers;
  if (!Array.isArray(list)) return { servers: [] };
  const servers: StoredClientData['servers'] = [];
  for (const entry of list) {
    const server = Server.safeParse(entry);
    if (!server.success) continue;
    const outbox = server.data.outbox.flatMap((item) => {
      const parsed = OutboxItem.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    servers.push({ ...server.data, outbox });
  }
  // A tab never hosts, but the shape is the engine's: keep a valid entry rather than drop it.
  const hosting = Hosting.safeParse((json as { hosting?: unknown }).hosting);
  return hosting.success ? { servers, hosting: hosting.data } : { servers };
}

/** A ClientStorage over a Web Storage area (localStorage in the app, a fake in tests). */
export function createBrowserStorage(
  area: Storage = localStorage,
  key = STORAGE_KEY,
): ClientStorage {
  return {
    async load() {
      return parseStoredData(area.getItem(key));
    },
    async save(data) {
      // setItem throws when the quota is full; the engine sees that as a rejected save.
      area.setItem(key, JSON.stringify(data));
    },
  };
}

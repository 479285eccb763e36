/**
 * The in-tab engine's ClientStorage: one JSON document in localStorage. What comes back is checked
 * entry by entry, because another tab, an older version or a person with devtools may have
 * written it; a broken entry is dropped instead of breaking the app.
 */
import type { ClientStorage, StoredClientData } from '../../../shared/client/deps.js';
import { readStoredData } from '../../../shared/client/storedData.js';

/** The localStorage key; versioned so a future format can move it aside. */
export const STORAGE_KEY = 'parley.client.v1';

/** Parses stored text; anything unreadable becomes an empty store. */
export function parseStoredData(raw: string | null): StoredClientData {
  if (!raw) return { servers: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { servers: [] };
  }
  return readStoredData(json).data;
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

import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../../shared/log.js';

/**
 * Removes what interrupted writes leave behind: `*.tmp` files of atomic writes (in the data
 * directory and every room's folder) and `.part` files of uploads and profile pictures. Called at start, while the
 * lock is held, so none of them can belong to a write still running.
 */
export async function removeLeftovers(dir: string, log: Logger): Promise<void> {
  let removed = 0;
  const sweep = async (folder: string, match: (name: string) => boolean): Promise<void> => {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!match(name)) continue;
      await unlink(join(folder, name)).then(
        () => removed++,
        () => undefined,
      );
    }
  };
  const tmp = (n: string) => n.endsWith('.tmp');
  await sweep(dir, tmp);
  const messages = join(dir, 'messages');
  for (const room of await readdir(messages).catch(() => [] as string[]))
    await sweep(join(messages, room), tmp);
  const partial = (n: string) => n.endsWith('.part') || n.endsWith('.tmp');
  await sweep(join(dir, 'files'), partial);
  // Profile pictures are written the same way (a temp file renamed into place).
  await sweep(join(dir, 'avatars'), partial);
  if (removed > 0)
    log.info(`removed ${removed} unfinished temporary file(s) left by an earlier run`);
}

import { chmod, copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { DamagedFileError, readJsonFile } from './atomicJsonFile.js';
import {
  AccessDoc,
  FilesDoc,
  MetaDoc,
  PrefsDoc,
  ReadsDoc,
  RoomsDoc,
  Segment,
  SeqsDoc,
  UserSegment,
} from './records.js';

/** What a backup holds. */
export interface BackupSummary {
  out: string;
  rooms: number;
  segments: number;
  files: number;
  /** Files that could not be read whole (their last good copy was taken, or nothing). */
  skipped: string[];
}

const SEGMENT = /^\d{8}\.json$/;

/**
 * Copies a data directory to `out` while a host may be using it, without its lock. Every file
 * is replaced atomically by the host, so each copy is one whole version; the order makes the
 * copies agree with each other: messages first, then everything they refer to (users, rooms,
 * seqs.json, file records, then file bytes), each of which only ever grows in that direction.
 * Restoring is copying the folder back while no host runs (README).
 */
export async function backupDataDir(dataDir: string, out: string): Promise<BackupSummary> {
  if ((await readdir(out).catch(() => [])).length > 0)
    throw new Error(`${out} is not empty: back up into a new or empty folder.`);
  const summary: BackupSummary = { out, rooms: 0, segments: 0, files: 0, skipped: [] };
  const json = async <T>(rel: string, schema: z.ZodType<T>): Promise<void> => {
    const from = join(dataDir, rel);
    let data: T | null = null;
    for (const path of [from, from, `${from}.bak`]) {
      try {
        data = await readJsonFile(path, schema);
        if (data !== null) break;
      } catch (err) {
        if (!(err instanceof DamagedFileError)) throw err;
      }
    }
    if (data === null) {
      if (await stat(from).catch(() => undefined)) summary.skipped.push(rel);
      return;
    }
    const to = join(out, rel);
    await mkdir(join(to, '..'), { recursive: true });
    await writeFile(to, JSON.stringify(data));
    await writeFile(`${to}.bak`, JSON.stringify(data));
  };
  const list = (rel: string) => readdir(join(dataDir, rel)).catch(() => [] as string[]);

  for (const room of await list('messages')) {
    summary.rooms++;
    for (const f of (await list(join('messages', room))).filter((n) => SEGMENT.test(n))) {
      await json(join('messages', room, f), Segment);
      summary.segments++;
    }
  }
  for (const f of (await list('users')).filter((n) => SEGMENT.test(n)))
    await json(join('users', f), UserSegment);
  await json('rooms.json', RoomsDoc);
  await json('reads.json', ReadsDoc);
  await json('prefs.json', PrefsDoc);
  await json('access.json', AccessDoc);
  await json('seqs.json', SeqsDoc);
  await json('parley.json', MetaDoc);
  await json('files.json', FilesDoc);
  // The certificate is the server's identity: a restored host must present the same one, or
  // every pinned desktop app refuses it (identity_changed). The key keeps its 0600 mode.
  for (const f of await list('tls')) {
    await mkdir(join(out, 'tls'), { recursive: true, mode: 0o700 });
    await copyFile(join(dataDir, 'tls', f), join(out, 'tls', f));
    if (f.startsWith('key')) await chmod(join(out, 'tls', f), 0o600);
  }
  for (const folder of ['files', 'avatars']) {
    await mkdir(join(out, folder), { recursive: true });
    for (const f of await list(folder)) {
      if (f.endsWith('.part') || f.endsWith('.tmp')) continue;
      await copyFile(join(dataDir, folder, f), join(out, folder, f)).then(
        () => folder === 'files' && summary.files++,
        () => summary.skipped.push(join(folder, f)), // deleted meanwhile
      );
    }
  }
  return summary;
}

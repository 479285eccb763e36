import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../../../shared/log.js';
import { AtomicJsonFile, DamagedFileError, readJsonFile } from './atomicJsonFile.js';
import { acquireDataLock } from './dataLock.js';
import { quarantine } from './quarantine.js';
import {
  AccessDoc,
  DATA_FORMAT,
  FilesDoc,
  MetaDoc,
  ReadsDoc,
  RoomsDoc,
  Segment,
  SeqsDoc,
  UserSegment,
  type StoredUser,
  type StoredFile,
} from './records.js';
import { CORE_DOCS } from './store.js';

/** What `--repair` did and could not do, in sentences for a person. */
export interface RepairReport {
  rebuilt: string[];
  lost: string[];
}

/** What the segments that still load tell about the data directory. */
interface Scan {
  segmentSize: number | undefined;
  /** roomId → authors seen, highest seq, whether any segment was read. */
  rooms: Map<string, { authors: Set<string>; last: number }>;
  files: Map<string, StoredFile>;
}

async function scanSegments(dir: string, report: RepairReport): Promise<Scan> {
  const scan: Scan = { segmentSize: undefined, rooms: new Map(), files: new Map() };
  const messages = join(dir, 'messages');
  for (const roomId of await readdir(messages).catch(() => [] as string[])) {
    const names = await readdir(join(messages, roomId)).catch(() => [] as string[]);
    const room = { authors: new Set<string>(), last: 0 };
    scan.rooms.set(roomId, room);
    for (const name of names.filter((n) => /^\d{8}\.json$/.test(n))) {
      const path = join(messages, roomId, name);
      const index = Number(name.slice(0, 8));
      try {
        const seg = await readJsonFile(path, Segment);
        if (!seg) continue;
        if (index > 0 && (seg.first - 1) % index === 0) scan.segmentSize = (seg.first - 1) / index;
        for (const m of seg.messages) {
          room.authors.add(m.authorId);
          room.last = Math.max(room.last, m.seq);
          if (m.file && !m.deleted) {
            scan.files.set(m.file.id, {
              ...m.file,
              roomId,
              uploaderId: m.authorId,
              createdAt: m.ts,
              seq: m.seq,
            });
          }
        }
      } catch (err) {
        if (!(err instanceof DamagedFileError)) throw err;
        const moved = await quarantine(dir, path);
        report.lost.push(
          `messages/${roomId}/${name} is damaged (${err.reason}); moved to ${moved ?? '(could not move)'}: ` +
            `the messages it held are lost`,
        );
      }
    }
  }
  return scan;
}

/** Reads a core document or its backup; undefined when neither is usable. */
async function usable<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  for (const p of [path, `${path}.bak`]) {
    try {
      const data = await readJsonFile(p, schema);
      if (data !== null) return data;
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err;
    }
  }
  return undefined;
}

/**
 * `npm run host -- --repair`: for every core document that has no usable copy (neither the file
 * nor its .bak), moves the damaged file to quarantine/ and rebuilds it from what the rest of the
 * data directory still tells (segments, stored file bytes). Quarantines damaged segments too.
 * Runs with the data directory locked, so never while a host uses it.
 */
export async function repairDataDir(dir: string, log: Logger): Promise<RepairReport> {
  const lock = acquireDataLock(dir);
  const report: RepairReport = { rebuilt: [], lost: [] };
  try {
    const scan = await scanSegments(dir, report);
    const write = async <T>(name: string, schema: z.ZodType<T>, data: T, what: string) => {
      const path = join(dir, name);
      if ((await usable(path, schema)) !== undefined) return;
      const moved = await quarantine(dir, path);
      await quarantine(dir, `${path}.bak`);
      await new AtomicJsonFile<T>(path, { backup: true }).write(data);
      report.rebuilt.push(`${name}: ${what}${moved ? ` (the damaged file is in ${moved})` : ''}`);
      log.info(`rebuilt ${path}`);
    };

    const size = scan.segmentSize ?? 500;
    await write(
      CORE_DOCS.meta,
      MetaDoc,
      { format: DATA_FORMAT, createdAt: Date.now(), segmentSize: size },
      `rebuilt with ${size} messages per segment${scan.segmentSize ? '' : ' (the default; no segment told otherwise)'}; the server name is reset`,
    );

    await repairUsers(dir, scan, report);

    await write(
      CORE_DOCS.rooms,
      RoomsDoc,
      {
        rooms: [...scan.rooms].map(([id, r]) => ({
          id,
          kind: id.startsWith('d_') ? ('dm' as const) : ('room' as const),
          name: id === 'r_general' ? 'general' : id.slice(2),
          topic: '',
          createdBy: 'server',
          createdAt: Date.now(),
          members: [...r.authors],
          // Whether a room was private is lost with rooms.json: fail closed, so a private
          // room's messages never become readable by everyone.
          ...(id.startsWith('r_') && id !== 'r_general' ? { private: true } : {}),
        })),
      },
      `${scan.rooms.size} room(s) recreated from the message folders; names and topics are lost ` +
        '(rooms are named by id), members are the people who wrote there, and rooms other than ' +
        'general are private (members add others)',
    );

    await write(
      CORE_DOCS.access,
      AccessDoc,
      { inviteOnly: true, invites: [] },
      'invites revoked and invite-only switched on (make new invites, or switch it off)',
    );

    await write(
      CORE_DOCS.reads,
      ReadsDoc,
      { reads: {} },
      'read markers reset: rooms show as unread',
    );

    const files: Record<string, StoredFile> = {};
    let orphans = 0;
    for (const name of await readdir(join(dir, 'files')).catch(() => [] as string[])) {
      if (!/^f_[A-Za-z0-9_-]+$/.test(name)) continue;
      const known = scan.files.get(name);
      if (known) files[name] = known;
      else {
        orphans++;
        const { size: bytes, mtimeMs } = await stat(join(dir, 'files', name));
        files[name] = {
          id: name,
          roomId: 'r_general',
          uploaderId: 'server',
          name,
          size: bytes,
          type: 'application/octet-stream',
          createdAt: Math.round(mtimeMs),
        };
      }
    }
    await write(
      CORE_DOCS.files,
      FilesDoc,
      { files },
      `${Object.keys(files).length} file(s) recreated from the stored bytes and the messages that shared them` +
        (orphans ? `; ${orphans} were never shared and keep their id as name` : ''),
    );

    const rooms: Record<string, number> = {};
    for (const [id, r] of scan.rooms) rooms[id] = Math.ceil(r.last / size) * size;
    await write(
      CORE_DOCS.seqs,
      SeqsDoc,
      { rooms },
      'rebuilt from the segments; if the newest segment of a room is lost too, its numbers may be handed out again',
    );
    return report;
  } finally {
    lock.release();
  }
}

/**
 * Users live in users/NNNNNNNN.json segments. Each one with no usable copy is quarantined and
 * replaced by an empty segment; authors of surviving messages that are then unknown get
 * placeholder users (appended in new segments) so their messages keep an author.
 */
async function repairUsers(dir: string, scan: Scan, report: RepairReport): Promise<void> {
  const usersDir = join(dir, 'users');
  const names = await readdir(usersDir).catch(() => [] as string[]);
  const indices = names
    .filter((f) => /^\d{8}\.json(\.bak)?$/.test(f))
    .map((f) => Number(f.slice(0, 8)));
  const newest = indices.length ? Math.max(...indices) : -1;
  const known = new Set<string>();
  let version = 0;
  let replaced = 0;
  const segPath = (i: number) => join(usersDir, `${String(i).padStart(8, '0')}.json`);
  for (let i = 0; i <= newest; i++) {
    const seg = await usable(segPath(i), UserSegment);
    if (seg) {
      for (const u of seg.users) {
        known.add(u.id);
        version = Math.max(version, u.version);
      }
      continue;
    }
    await quarantine(dir, segPath(i));
    await quarantine(dir, `${segPath(i)}.bak`);
    await new AtomicJsonFile(segPath(i), { backup: true }).write({ format: 1, users: [] });
    replaced++;
  }
  const missing = new Set<string>();
  for (const r of scan.rooms.values()) for (const a of r.authors) if (!known.has(a)) missing.add(a);
  if (replaced === 0 && missing.size === 0) return;
  const placeholders: StoredUser[] = [...missing].map((id) => ({
    id,
    name: `Former user ${id.slice(2, 8)}`,
    avatar: { color: '#868e96' },
    createdAt: Date.now(),
    // Unmatchable: nobody holds a token for it; the person joins again with a new name.
    tokenHash: `repaired-${randomBytes(16).toString('base64url')}`,
    version: ++version,
  }));
  for (let i = 0; i < placeholders.length; i += 500) {
    await new AtomicJsonFile(segPath(newest + 1 + i / 500), { backup: true }).write({
      format: 1,
      users: placeholders.slice(i, i + 500),
    });
  }
  report.rebuilt.push(
    `users/: ${replaced} damaged user segment(s) replaced; ${placeholders.length} user(s) recreated ` +
      'from message authors without their names or sign-ins, so those people must join again',
  );
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message } from '../../../shared/protocol/index.js';

/** Shape of a message log segment file (see store/messageLog.ts). */
interface SegmentFile {
  first: number;
  messages: Message[];
}

const SEGMENT = /^(\d{8})\.json$/;

/** Room ids that have a folder in the message log. */
export async function logRooms(messagesDir: string): Promise<string[]> {
  const entries = await readdir(messagesDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Reads one room's segment files from `fromSeq` on, oldest first, one segment at a time. */
export async function* readRoom(
  messagesDir: string,
  roomId: string,
  segmentSize: number,
  fromSeq = 1,
): AsyncGenerator<Message[]> {
  const dir = join(messagesDir, roomId);
  const firstIndex = Math.floor((Math.max(1, fromSeq) - 1) / segmentSize);
  const files = (await readdir(dir).catch(() => []))
    .filter((f) => SEGMENT.test(f) && Number(f.slice(0, 8)) >= firstIndex)
    .sort();
  for (const f of files) {
    let seg: SegmentFile;
    try {
      // Segment files are replaced atomically (rename), so a read sees a whole one.
      seg = JSON.parse(await readFile(join(dir, f), 'utf8')) as SegmentFile;
    } catch {
      continue; // vanished or unreadable: the log reports its own damage; search skips it
    }
    yield seg.messages.filter((m) => m.seq >= fromSeq);
  }
}

/** One stored message read straight from its segment file. */
export async function readMessage(
  messagesDir: string,
  roomId: string,
  seq: number,
  segmentSize: number,
): Promise<Message | undefined> {
  const index = Math.floor((seq - 1) / segmentSize);
  const path = join(messagesDir, roomId, `${String(index).padStart(8, '0')}.json`);
  try {
    const seg = JSON.parse(await readFile(path, 'utf8')) as SegmentFile;
    return seg.messages[seq - seg.first];
  } catch {
    return undefined;
  }
}

/** Synthetic chat history for the search benchmark: a Zipf-like vocabulary, seeded rooms. */
import type { Message } from '../shared/protocol/index.js';
import type { Store } from '../electron/server/store/store.js';

/** A small fast deterministic random source (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 20 000 made-up words; low ranks are common, high ranks rare. */
export function vocabulary(): string[] {
  const rnd = rng(7);
  const words = new Set<string>();
  while (words.size < 20_000) {
    const len = 3 + Math.floor(rnd() * 8);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(rnd() * 26));
    words.add(w);
  }
  return [...words];
}

/** A message of 6–14 words, common words more likely. */
export function sentence(words: string[], rnd: () => number): string {
  const n = 6 + Math.floor(rnd() * 9);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rnd() ** 3 * words.length)]!);
  return out.join(' ');
}

/** Room and author ids the seed uses. */
export const benchRooms = (n: number) =>
  Array.from({ length: n }, (_, i) => `r_bench${String(i).padStart(2, '0')}`);
export const benchAuthors = Array.from(
  { length: 20 },
  (_, i) => `u_author${String(i).padStart(2, '0')}`,
);

/** Writes `total` messages over `rooms` public rooms straight into a store. */
export async function seedHistory(store: Store, total: number, rooms: number): Promise<void> {
  const words = vocabulary();
  const rnd = rng(11);
  const ids = benchRooms(rooms);
  for (const id of ids) {
    store.rooms.data.rooms.push({
      id,
      kind: 'room',
      name: id.slice(2),
      topic: '',
      createdBy: 'server',
      createdAt: 0,
      members: [],
    });
  }
  await store.rooms.commit();
  const per = Math.ceil(total / rooms);
  const start = 1_700_000_000_000;
  for (const [r, roomId] of ids.entries()) {
    const make = (seq: number): Message => ({
      roomId,
      seq,
      ts: start + (seq * rooms + r) * 1000,
      authorId: benchAuthors[Math.floor(rnd() * benchAuthors.length)]!,
      clientId: `s${seq}`,
      text: sentence(words, rnd),
      ...(rnd() < 0.02
        ? { file: { id: `f_seed${r}x${seq}`, name: 'notes.txt', size: 10, type: 'text/plain' } }
        : {}),
      reactions: {},
    });
    await store.messages.seed(roomId, Math.min(per, total - r * per), make);
  }
}

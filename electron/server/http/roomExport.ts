import type { IncomingMessage, ServerResponse } from 'node:http';
import { ParleyError, type Message } from '../../../shared/protocol/index.js';
import type { Directory } from '../chat/directory.js';
import type { Rooms } from '../chat/rooms.js';
import type { Store } from '../store/store.js';
import { bearerOf } from './fileAuth.js';
import { sendFailure, sendJson } from './respond.js';

/** What the export route needs. */
export interface ExportDeps {
  store: Store;
  directory: Directory;
  rooms: Rooms;
}

/** The host's own machine (the desktop app that hosts connects from here). */
const isLoopback = (ip: string | undefined): boolean =>
  !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every stored message of a room, oldest first (holes left by lost segments are skipped). */
async function allMessages(store: Store, roomId: string): Promise<Message[]> {
  const out: Message[] = [];
  for (let after = 0; ;) {
    const page = await store.messages.after(roomId, after, 500);
    out.push(...page.messages);
    if (!page.hasMore || page.messages.length === 0) return out;
    after = page.messages.at(-1)!.seq;
  }
}

/**
 * GET /api/rooms/:roomId/export?format=json|html — the room's whole history for the server's
 * owner and admins, the person who created the room, or (general) someone on the host's machine.
 */
export async function handleRoomExport(
  d: ExportDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  roomId: string,
): Promise<void> {
  try {
    // Bearer only: a token in a URL would end up in logs and histories.
    const token = bearerOf(req);
    const user = token ? d.directory.byTokenValue(token) : undefined;
    if (!user) throw new ParleyError('unauthorized', 'A valid session token is required.');
    const room = d.rooms.requireReadable(user.id, roomId);
    // The server's owner and admins may export any room they can read; others only their own.
    const owner =
      user.role === 'owner' ||
      user.role === 'admin' ||
      room.createdBy === user.id ||
      (room.createdBy === 'server' && isLoopback(req.socket.remoteAddress));
    if (!owner)
      throw new ParleyError(
        'forbidden',
        "Only the server's owner or an admin, or the room's creator, can export a room.",
      );
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json' && format !== 'html')
      throw new ParleyError('invalid', 'format: must be json or html');
    const messages = await allMessages(d.store, room.id);
    const names = new Map<string, string>();
    for (const m of messages)
      if (!names.has(m.authorId))
        names.set(m.authorId, d.directory.get(m.authorId)?.name ?? m.authorId);
    const file = `${room.name.replace(/[^\w.-]+/g, '_') || room.id}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    if (format === 'json') {
      return sendJson(res, 200, {
        room: { id: room.id, kind: room.kind, name: room.name, topic: room.topic },
        exportedAt: Date.now(),
        users: Object.fromEntries(names),
        messages,
      });
    }
    const rows = messages
      .map((m) => {
        const when = new Date(m.ts).toISOString().replace('T', ' ').slice(0, 16);
        const text = m.deleted ? '<em>(deleted)</em>' : escapeHtml(m.text).replace(/\n/g, '<br>');
        const file = m.file ? ` <span class="file">[file: ${escapeHtml(m.file.name)}]</span>` : '';
        return `<li><time>${when}</time> <b>${escapeHtml(names.get(m.authorId)!)}</b>: ${text}${file}</li>`;
      })
      .join('\n');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(room.name)} — Parley</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
li{list-style:none;margin:.25rem 0}time{color:#666;font-size:.85em}.file{color:#555}</style></head>
<body><h1>${escapeHtml(room.name)}</h1><p>${escapeHtml(room.topic)}</p>
<p>${messages.length} messages, exported ${new Date().toISOString()}</p>
<ol>
${rows}
</ol></body></html>
`;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(html);
  } catch (err) {
    sendFailure(res, err);
  }
}

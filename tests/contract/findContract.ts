/**
 * The ChatApi contract for finding and following conversations: search, jumping to a hit.
 * Run against the in-tab engine and against preload + IPC + engine in main.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_ROOM_ID } from '../../electron/server/chat/rooms.js';
import type { ChatApiError } from '../../shared/api/index.js';
import { join, waitState, waitTimeline } from '../helpers/engine.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import type { ApiHarness } from './chatApiContract.js';

let n = 0;

/** Defines the search/thread/pin contract tests for one ChatApi implementation. */
export function findContract(label: string, make: () => ApiHarness): void {
  describe(`ChatApi find contract: ${label}`, () => {
    let t: TestServer;
    const open: ApiHarness[] = [];
    const harness = () => {
      const h = make();
      open.push(h);
      return h;
    };
    const name = (base: string) => `${base}${label.length}y${++n}`;

    beforeAll(async () => {
      t = await startTestServer();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });
    afterAll(async () => {
      await t.close();
    });

    it('searches with words and filters, and refuses unknown names clearly', async () => {
      const a = harness();
      const sa = await join(a.api, t.server.url, name('sam'));
      const me = (await waitState(a.api, (s) => !!s.servers[0]?.me)).servers[0]!.me!;
      const word = `quokka${label.length}`;
      await a.api.call('sendMessage', {
        serverId: sa,
        roomId: GENERAL_ROOM_ID,
        text: `a ${word} here`,
      });
      await waitTimeline(a.api, sa, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.text.includes(word) && m.status === 'sent'),
      );
      const page = await a.api.call('search', { serverId: sa, query: word });
      expect(page.hits.map((h) => h.message.text)).toEqual([`a ${word} here`]);
      expect(page.hits[0]!.terms).toEqual([word]);
      const filtered = await a.api.call('search', {
        serverId: sa,
        query: `${word.slice(0, 5)} in:#general from:@${me.name} after:2000-01-01`,
        sort: 'newest',
      });
      expect(filtered.total).toBe(1);
      const none = await a.api.call('search', { serverId: sa, query: `${word} has:file` });
      expect(none.total).toBe(0);
      const err = (await a.api
        .call('search', { serverId: sa, query: `${word} in:#nowhere` })
        .catch((e: unknown) => e)) as ChatApiError;
      expect(err.code).toBe('invalid');
      expect(err.message).toBe('There is no room #nowhere.');
      const date = (await a.api
        .call('search', { serverId: sa, query: 'x before:yesterday' })
        .catch((e: unknown) => e)) as ChatApiError;
      expect(date.message).toBe('before: give a day as YYYY-MM-DD, e.g. before:2026-01-31');
    });

    it('opens a room at an old message and pages forward to the present', async () => {
      const a = harness();
      const sa = await join(a.api, t.server.url, name('tom'));
      const { roomId } = await a.api.call('createRoom', { serverId: sa, name: name('deep') });
      for (let i = 1; i <= 120; i++)
        await a.api.call('sendMessage', { serverId: sa, roomId, text: `deep ${i}` });
      await waitTimeline(a.api, sa, roomId, (x) =>
        x.messages.some((m) => m.text === 'deep 120' && m.status === 'sent'),
      );
      await a.api.call('openAt', { serverId: sa, roomId, seq: 10 });
      const at = await waitTimeline(a.api, sa, roomId, (x) => x.focusSeq === 10 && !x.loading);
      expect(at.messages.some((m) => m.seq === 10)).toBe(true);
      expect(at.hasNewer).toBe(true);
      expect(at.messages.some((m) => m.seq === 120)).toBe(false);
      for (let i = 0; i < 5; i++) await a.api.call('loadNewer', { serverId: sa, roomId });
      const back = await waitTimeline(a.api, sa, roomId, (x) => !x.hasNewer && !x.loading);
      expect(back.messages.at(-1)!.seq).toBe(120);
    });
  });
}

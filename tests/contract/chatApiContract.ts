/**
 * The ChatApi contract: the same behaviour whether the engine runs in the tab (browser guest)
 * or in Electron main behind the preload and IPC handlers. Each suite file supplies a harness.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_ROOM_ID } from '../../electron/server/chat/rooms.js';
import type { ChatApi, UploadSource } from '../../shared/api/index.js';
import type { ChatApiError } from '../../shared/api/index.js';
import { join, waitState, waitTimeline } from '../helpers/engine.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

/** One ChatApi under test, plus the levers the contract needs. */
export interface ApiHarness {
  api: ChatApi;
  /** Takes the engine's network away / gives it back. */
  cut(): void;
  restore(): void;
  /** Asks every view to show a room, as a clicked notification does. */
  openRoom(target: { serverId: string; roomId: string }): void;
  /** A file as this platform hands it to ChatApi.upload. */
  file(name: string, type: string, bytes: Uint8Array): UploadSource;
  /** Bytes the engine saved for a downloaded file. */
  downloaded(fileId: string): Buffer | undefined;
  close(): Promise<void>;
}

let n = 0;

/** Defines the contract tests for one ChatApi implementation. */
export function chatApiContract(label: string, make: () => ApiHarness): void {
  describe(`ChatApi contract: ${label}`, () => {
    let t: TestServer;
    const open: ApiHarness[] = [];
    const harness = () => {
      const h = make();
      open.push(h);
      return h;
    };
    const name = (base: string) => `${base}${label.length}x${++n}`;

    beforeAll(async () => {
      t = await startTestServer();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });
    afterAll(async () => {
      await t.close();
    });

    it('reports state at once on subscribe, and not after unsubscribe', async () => {
      const { api } = harness();
      const seen: boolean[] = [];
      const off = api.onState((s) => seen.push(s.ready));
      await waitState(api, (s) => s.ready);
      expect(seen.length).toBeGreaterThan(0);
      off();
      const count = seen.length;
      await api.call('addServer', { address: t.server.url });
      await waitState(api, (s) => s.servers.length === 1);
      expect(seen.length).toBe(count);
    });

    it('two people chat in a room and a DM', async () => {
      const a = harness();
      const b = harness();
      const sa = await join(a.api, t.server.url, name('ann'));
      const sb = await join(b.api, t.server.url, name('ben'));
      await a.api.call('sendMessage', { serverId: sa, roomId: GENERAL_ROOM_ID, text: 'hi ben' });
      const tl = await waitTimeline(b.api, sb, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.text === 'hi ben'),
      );
      expect(tl.messages.filter((m) => m.text === 'hi ben')).toHaveLength(1);
      const me = (await waitState(b.api, (s) => !!s.servers[0]?.me)).servers[0]!.me!;
      await waitState(a.api, (s) => s.servers[0]!.users.some((u) => u.id === me.id));
      const { roomId } = await a.api.call('openDm', { serverId: sa, userId: me.id });
      await a.api.call('sendMessage', { serverId: sa, roomId, text: 'secret' });
      await waitTimeline(b.api, sb, roomId, (x) => x.messages.some((m) => m.text === 'secret'));
      const s = await waitState(b.api, (x) => x.servers[0]!.rooms.some((r) => r.id === roomId));
      expect(s.servers[0]!.rooms.find((r) => r.id === roomId)!.kind).toBe('dm');
    });

    it('refuses bad arguments with the same clear errors', async () => {
      const { api } = harness();
      const sid = await join(api, t.server.url, name('cat'));
      const bad = async (p: Promise<unknown>) => {
        const err = await p.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        return err as ChatApiError;
      };
      const tooLong = await bad(
        api.call('sendMessage', { serverId: sid, roomId: GENERAL_ROOM_ID, text: 'x'.repeat(8001) }),
      );
      expect(tooLong.code).toBe('invalid');
      expect(tooLong.message).toBe('sendMessage: text: must be at most 8000 characters');
      const badRoom = await bad(
        api.call('sendMessage', { serverId: sid, roomId: 'nope', text: 'x' } as never),
      );
      expect(badRoom.code).toBe('invalid');
      expect(badRoom.message).toMatch(/^sendMessage: roomId: /);
      const unknown = await bad(api.call('selfDestruct' as never, {} as never));
      expect(unknown.code).toBe('invalid');
      const extra = await bad(
        api.call('markRead', {
          serverId: sid,
          roomId: GENERAL_ROOM_ID,
          seq: 1,
          evil: true,
        } as never),
      );
      expect(extra.code).toBe('invalid');
      const noServer = await bad(
        api.call('leaveRoom', { serverId: 'zzz', roomId: GENERAL_ROOM_ID }),
      );
      expect(noServer.code).toBe('not_found');
      const forbidden = await bad(
        api.call('joinRoom', { serverId: sid, roomId: 'r_doesnotexist' }),
      );
      expect(forbidden.code).toBe('not_found');
      const addr = await bad(api.call('addServer', { address: 'gopher://x' }));
      expect(addr.message).toMatch(/Only http/);
    });

    it('keeps a message written offline and delivers it once when back', async () => {
      const a = harness();
      const b = harness();
      const sa = await join(a.api, t.server.url, name('dan'));
      const sb = await join(b.api, t.server.url, name('eve'));
      await waitTimeline(a.api, sa, GENERAL_ROOM_ID, (x) => !x.loading);
      a.cut();
      await waitState(a.api, (s) => s.servers[0]!.status === 'offline');
      const { clientId } = await a.api.call('sendMessage', {
        serverId: sa,
        roomId: GENERAL_ROOM_ID,
        text: 'from the train',
      });
      await waitTimeline(a.api, sa, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.clientId === clientId && m.status === 'sending'),
      );
      a.restore();
      const tl = await waitTimeline(b.api, sb, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.clientId === clientId),
      );
      expect(tl.messages.filter((m) => m.text === 'from the train')).toHaveLength(1);
      await waitTimeline(a.api, sa, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.clientId === clientId && m.status === 'sent'),
      );
    });

    it('shares a file and the other side downloads the same bytes', async () => {
      const a = harness();
      const b = harness();
      const sa = await join(a.api, t.server.url, name('fay'));
      const sb = await join(b.api, t.server.url, name('gus'));
      const bytes = new Uint8Array(200_000).map((_, i) => (i * 13) % 256);
      const transferId = await a.api.upload(
        { serverId: sa, roomId: GENERAL_ROOM_ID, text: 'see attached' },
        a.file('plan.pdf', 'application/pdf', bytes),
      );
      await waitState(a.api, (s) =>
        s.transfers.some((x) => x.id === transferId && x.status === 'done'),
      );
      const tl = await waitTimeline(b.api, sb, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.file?.name === 'plan.pdf'),
      );
      const file = tl.messages.find((m) => m.file?.name === 'plan.pdf')!.file!;
      const { transferId: down } = await b.api.call('download', {
        serverId: sb,
        roomId: GENERAL_ROOM_ID,
        file,
      });
      await waitState(b.api, (s) => s.transfers.some((x) => x.id === down && x.status === 'done'));
      expect(Buffer.compare(b.downloaded(file.id)!, Buffer.from(bytes))).toBe(0);
    });

    it('delivers notices and open-room requests to subscribers only', async () => {
      const a = harness();
      const b = harness();
      const sa = await join(a.api, t.server.url, name('hal'));
      const sb = await join(b.api, t.server.url, name('ivy'));
      const notices: string[] = [];
      const off = b.api.onNotice((x) => notices.push(x.text));
      const opened: string[] = [];
      b.api.onOpenRoom((x) => opened.push(`${x.serverId}/${x.roomId}`));
      await a.api.call('sendMessage', { serverId: sa, roomId: GENERAL_ROOM_ID, text: 'ding' });
      await waitTimeline(b.api, sb, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.text === 'ding'),
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(notices).toContain('ding');
      off();
      await a.api.call('sendMessage', { serverId: sa, roomId: GENERAL_ROOM_ID, text: 'dong' });
      await waitTimeline(b.api, sb, GENERAL_ROOM_ID, (x) =>
        x.messages.some((m) => m.text === 'dong'),
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(notices).not.toContain('dong');
      b.openRoom({ serverId: sb, roomId: GENERAL_ROOM_ID });
      await new Promise((r) => setTimeout(r, 20));
      expect(opened).toEqual([`${sb}/${GENERAL_ROOM_ID}`]);
    });
  });
}

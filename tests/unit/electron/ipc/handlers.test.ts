import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_CALLS, ChatApiError, type ChatCallName } from '../../../../shared/api/index.js';
import { createLogger } from '../../../../shared/log.js';
import { CHANNELS, MAX_UPLOAD_BYTES_OVER_IPC } from '../../../../electron/ipc/channels.js';
import { registerIpcHandlers, toFailure } from '../../../../electron/ipc/handlers.js';
import { createIpcChatApi } from '../../../../electron/ipc/rendererApi.js';
import { MAX_SUBSCRIPTIONS_PER_SENDER } from '../../../../electron/ipc/subscriptions.js';
import { isAppUrl } from '../../../../electron/window/security.js';
import { createIpcPair, flushIpc, type IpcPair } from '../../../helpers/ipcPair.js';
import { fakeEngine } from '../fakeEngine.js';

const ROOM = 'r_general';
const warnings: string[] = [];
const log = createLogger('ipc-test', 'debug', (level, _scope, msg) => {
  if (level === 'warn') warnings.push(msg);
});

let pair: IpcPair;
let engine: ReturnType<typeof fakeEngine>;
let dispose: () => void;

beforeEach(() => {
  warnings.length = 0;
  pair = createIpcPair();
  engine = fakeEngine((name) => (name === 'addServer' ? { serverId: 's1' } : undefined));
  dispose = registerIpcHandlers(pair.main, engine.api, { isTrustedSender: isAppUrl, log });
});

const invoke = (channel: string, ...args: unknown[]) => pair.renderer.invoke(channel, ...args);

describe('parley:call', () => {
  it('passes a valid call through and returns its value', async () => {
    const api = createIpcChatApi(pair.renderer);
    await expect(api.call('addServer', { address: 'host:4747' })).resolves.toEqual({
      serverId: 's1',
    });
    expect(engine.calls).toEqual([
      { kind: 'call', name: 'addServer', args: { address: 'host:4747' } },
    ]);
  });

  it.each(Object.keys(CHAT_CALLS) as ChatCallName[])(
    '%s refuses bad arguments with a clear message, before the engine',
    async (name) => {
      for (const bad of [{ bogus: 1 }, 'text', null, [1, 2], { serverId: 7 }]) {
        const r = (await invoke(CHANNELS.call, name, bad)) as {
          ok: false;
          code: string;
          message: string;
        };
        expect(r.ok).toBe(false);
        expect(r.code).toBe('invalid');
        expect(r.message.startsWith(`${name}: `)).toBe(true);
      }
      expect(engine.calls).toEqual([]);
    },
  );

  it('names the bad field and the limit', async () => {
    const api = createIpcChatApi(pair.renderer);
    const err = await api
      .call('sendMessage', { serverId: 's1', roomId: ROOM, text: 'x'.repeat(8001) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatApiError);
    expect((err as ChatApiError).code).toBe('invalid');
    expect((err as ChatApiError).message).toBe(
      'sendMessage: text: must be at most 8000 characters',
    );
    const huge = await invoke(CHANNELS.call, 'addServer', { address: 'a'.repeat(100_000) });
    expect(huge).toMatchObject({ ok: false, code: 'invalid' });
    expect(engine.calls).toEqual([]);
  });

  it('refuses unknown and non-string action names', async () => {
    for (const name of ['selfDestruct', '__proto__', 'constructor', 'toString', 42, null, {}]) {
      const r = await invoke(CHANNELS.call, name, {});
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
      expect((r as { message: string }).message).toMatch(/^Unknown action: /);
    }
    expect(engine.calls).toEqual([]);
  });

  it('turns engine errors into code + message, never a raw exception', async () => {
    engine = fakeEngine(() => {
      throw new ChatApiError('not_found', 'No such server.');
    });
    dispose();
    dispose = registerIpcHandlers(pair.main, engine.api, { isTrustedSender: isAppUrl, log });
    await expect(invoke(CHANNELS.call, 'signOut', { serverId: 'zz' })).resolves.toEqual({
      ok: false,
      code: 'not_found',
      message: 'No such server.',
    });
    expect(toFailure(new TypeError('boom'))).toEqual({
      ok: false,
      code: 'internal',
      message: 'boom',
    });
    expect(toFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatchObject({
      code: 'internal',
    });
    expect(toFailure('a string')).toEqual({
      ok: false,
      code: 'internal',
      message: 'Something went wrong.',
    });
  });
});

describe('untrusted senders', () => {
  const hostile = [
    'https://evil.example/',
    'http://127.0.0.1:4747/',
    'file:///etc/passwd',
    'data:text/html,hi',
    'parley://app.evil.example/index.html',
    'parley://evil@app/index.html',
    'other://app/index.html',
    '',
    null,
  ];

  it.each(hostile)('refuses every channel from %s and runs nothing', async (url) => {
    pair.setFrameUrl(url);
    const r = await invoke(CHANNELS.call, 'addServer', { address: 'x' });
    expect(r).toEqual({ ok: false, code: 'forbidden', message: 'This page may not use Parley.' });
    const u = await invoke(CHANNELS.upload, { serverId: 's', roomId: ROOM }, {});
    expect(u).toMatchObject({ ok: false, code: 'forbidden' });
    pair.renderer.send(CHANNELS.subscribe, { page: 'p', sub: 'a', kind: 'state' });
    pair.renderer.send(CHANNELS.unsubscribe, { sub: 'a' });
    await flushIpc();
    expect(engine.calls).toEqual([]);
    expect(engine.listeners.state.size).toBe(0);
    expect(pair.window.received).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('refused'))).toHaveLength(4);
  });

  it('keeps serving the app window while refusing another frame', async () => {
    const other = pair.addRenderer('https://evil.example/');
    const api = createIpcChatApi(pair.renderer);
    await api.call('addServer', { address: 'ok' });
    await expect(
      other.renderer.invoke(CHANNELS.call, 'addServer', { address: 'x' }),
    ).resolves.toMatchObject({ code: 'forbidden' });
    expect(engine.calls).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  it('delivers events per subscription and stops after unsubscribe', async () => {
    const api = createIpcChatApi(pair.renderer);
    const states: unknown[] = [];
    const off = api.onState((s) => states.push(s));
    await flushIpc();
    expect(states).toHaveLength(1);
    const opened: unknown[] = [];
    api.onOpenRoom((t) => opened.push(t));
    await flushIpc();
    engine.pushOpenRoom({ serverId: 's1', roomId: ROOM });
    await flushIpc();
    expect(opened).toEqual([{ serverId: 's1', roomId: ROOM }]);
    off();
    await flushIpc();
    expect(engine.listeners.state.size).toBe(0);
    engine.pushState({ ...(states[0] as object), ready: false } as never);
    await flushIpc();
    expect(states).toHaveLength(1);
  });

  it('drops every subscription of a window when it is destroyed', async () => {
    const api = createIpcChatApi(pair.renderer);
    api.onState(() => undefined);
    api.onNotice(() => undefined);
    api.onTimeline('s1', ROOM, () => undefined);
    api.onOpenRoom(() => undefined);
    await flushIpc();
    expect(engine.listeners.state.size).toBe(1);
    expect(engine.listeners.timelines.size).toBe(1);
    pair.destroy();
    expect(engine.listeners.state.size).toBe(0);
    expect(engine.listeners.notices.size).toBe(0);
    expect(engine.listeners.timelines.size).toBe(0);
    expect(engine.listeners.open.size).toBe(0);
  });

  it('ends the old page subscriptions when the window reloads', async () => {
    const before = createIpcChatApi(pair.renderer);
    before.onState(() => undefined);
    before.onTimeline('s1', ROOM, () => undefined);
    await flushIpc();
    expect(engine.listeners.state.size).toBe(1);
    // A reload: same webContents, a new page with a new ChatApi.
    const after = createIpcChatApi(pair.renderer);
    const states: unknown[] = [];
    after.onState((s) => states.push(s));
    await flushIpc();
    expect(engine.listeners.state.size).toBe(1);
    expect(engine.listeners.timelines.size).toBe(0);
    expect(states).toHaveLength(1);
  });

  it('ignores malformed subscribe payloads and caps the number per window', async () => {
    for (const bad of [
      null,
      { page: 'p', sub: 'x', kind: 'everything' },
      { page: 'p', sub: '', kind: 'state' },
      { page: 'p', sub: 'x', kind: 'timeline' },
      { page: 'p', sub: 'x', kind: 'timeline', serverId: 's', roomId: '../../etc' },
      { page: 'p', sub: 'x'.repeat(65), kind: 'state' },
      { page: 'p', sub: 'x', kind: 'state', extra: 1 },
      { sub: 'x', kind: 'state' },
    ])
      pair.renderer.send(CHANNELS.subscribe, bad);
    await flushIpc();
    expect(engine.listeners.state.size + engine.listeners.timelines.size).toBe(0);
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_SENDER + 20; i++)
      pair.renderer.send(CHANNELS.subscribe, { page: 'p', sub: `s${i}`, kind: 'notice' });
    await flushIpc();
    expect(engine.listeners.notices.size).toBe(MAX_SUBSCRIPTIONS_PER_SENDER);
  });

  it('the disposer removes every channel and subscription', async () => {
    const api = createIpcChatApi(pair.renderer);
    api.onState(() => undefined);
    await flushIpc();
    dispose();
    expect(pair.main.registered).toBe(0);
    expect(engine.listeners.state.size).toBe(0);
  });
});

describe('parley:upload', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-ipc-'));
    file = join(dir, 'notes.txt');
    await writeFile(file, 'hello world');
    await mkdir(join(dir, 'folder'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const target = { serverId: 's1', roomId: ROOM };
  const meta = { name: 'notes.txt', size: 11, type: 'text/plain' };
  // What the preload sends after a trusted drop, paste or pick of these files.
  const grant = async (...paths: string[]): Promise<void> => {
    pair.renderer.send(CHANNELS.grant, paths);
    await flushIpc();
  };
  beforeEach(() => grant(file, join(dir, 'folder'), join(dir, 'nope.txt')));

  it('accepts a real file by path and pasted bytes', async () => {
    await expect(invoke(CHANNELS.upload, target, { ...meta, path: file })).resolves.toEqual({
      ok: true,
      value: 'transfer-1',
    });
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(
      invoke(CHANNELS.upload, { ...target, text: 'look' }, { ...meta, size: 3, bytes }),
    ).resolves.toMatchObject({ ok: true });
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1]).toMatchObject({ target: { text: 'look' }, file: { bytes } });
  });

  type Make = (dir: string, file: string) => unknown;
  const cases: Array<[string, Make, RegExp]> = [
    ['a relative path', () => ({ ...meta, path: 'notes.txt' }), /absolute path/],
    ['a folder', (d) => ({ ...meta, path: join(d, 'folder') }), /not a regular file/],
    ['a missing file', (d) => ({ ...meta, path: join(d, 'nope.txt') }), /cannot read/],
    ['a size that does not match', (_d, f) => ({ ...meta, size: 5, path: f }), /changed size/],
    ['a NUL in the path', () => ({ ...meta, path: '/tmp/a\0b' }), /absolute path/],
    ['bytes that are not the size', () => ({ ...meta, size: 9, bytes: new Uint8Array(3) }), /size/],
    ['bytes that are not bytes', () => ({ ...meta, bytes: [1, 2, 3] }), /upload source/],
    ['a path and bytes', (_d, f) => ({ ...meta, path: f, bytes: new Uint8Array(11) }), /upload/],
    ['neither path nor bytes', () => meta, /upload source/],
    ['an empty name', (_d, f) => ({ ...meta, name: '', path: f }), /upload source/],
    ['a negative size', (_d, f) => ({ ...meta, size: -1, path: f }), /upload source/],
  ];
  it.each(cases)('refuses %s', async (_what, make, message) => {
    const r = (await invoke(CHANNELS.upload, target, make(dir, file))) as {
      ok: boolean;
      message: string;
    };
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(message);
    expect(engine.calls).toEqual([]);
  });

  it('uploads a path only after this window was granted it', async () => {
    const other = join(dir, 'other.txt');
    await writeFile(other, 'hello world');
    const source = { ...meta, name: 'other.txt', path: other };
    expect(await invoke(CHANNELS.upload, target, source)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/was not picked, dropped or pasted/),
    });
    // A grant to another window, or a grant with a malformed payload, does not count.
    const second = pair.addRenderer();
    second.renderer.send(CHANNELS.grant, [other]);
    pair.renderer.send(CHANNELS.grant, [other, 7]);
    pair.renderer.send(CHANNELS.grant, 'not a list');
    await flushIpc();
    expect(await invoke(CHANNELS.upload, target, source)).toMatchObject({ code: 'forbidden' });
    expect(await second.renderer.invoke(CHANNELS.upload, target, source)).toMatchObject({
      ok: true,
    });
    // `..` does not sneak past a grant: the path is compared after normalizing.
    const sneaky = join(dir, 'folder', '..', 'other.txt');
    expect(
      await second.renderer.invoke(CHANNELS.upload, target, { ...source, path: sneaky }),
    ).toMatchObject({ ok: true });
    // The grant ends with the window.
    second.destroy();
    const third = pair.addRenderer();
    expect(await third.renderer.invoke(CHANNELS.upload, target, source)).toMatchObject({
      code: 'forbidden',
    });
    // An untrusted page cannot grant at all.
    const evil = pair.addRenderer('https://evil.example/');
    evil.renderer.send(CHANNELS.grant, [other]);
    await flushIpc();
    expect(warnings.some((w) => w.includes('refused parley:grant'))).toBe(true);
  });

  it('refuses pasted bytes over 64 MiB and a bad target', async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES_OVER_IPC + 1);
    const r = await invoke(CHANNELS.upload, target, { ...meta, size: big.length, bytes: big });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect((r as { message: string }).message).toMatch(/at most 67108864 bytes/);
    for (const t of [null, { serverId: 's1' }, { ...target, roomId: 'nope' }, { ...target, x: 1 }])
      expect(await invoke(CHANNELS.upload, t, { ...meta, path: file })).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    expect(engine.calls).toEqual([]);
  });
});

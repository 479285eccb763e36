import { describe, expect, it } from 'vitest';
import { ChatApiError } from '../../../../shared/api/index.js';
import { CHANNELS, MAX_UPLOAD_BYTES_OVER_IPC } from '../../../../electron/ipc/channels.js';
import { createIpcChatApi, type IpcRendererLike } from '../../../../electron/ipc/rendererApi.js';

/** An ipcRenderer that records what the preload sends and answers invokes from a table. */
function recorder(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true })) {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners: Array<(event: unknown, ...args: unknown[]) => void> = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answer(channel, args);
    },
    send: (channel, ...args) => void sent.push([channel, ...args]),
    on: (_channel, listener) => void listeners.push(listener),
  };
  const emit = (message: unknown) => listeners.forEach((l) => l({}, message));
  return { ipc, invoked, sent, listeners, emit };
}

const target = { serverId: 's1', roomId: 'r_general' };

describe('createIpcChatApi', () => {
  it('rethrows failures as ChatApiError with code and message', async () => {
    const r = recorder(() => ({ ok: false, code: 'bad_password', message: 'Wrong password.' }));
    const api = createIpcChatApi(r.ipc);
    const err = await api.call('signOut', { serverId: 's1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatApiError);
    expect(err).toMatchObject({ code: 'bad_password', message: 'Wrong password.' });
    const garbled = createIpcChatApi(recorder(() => 'nonsense').ipc);
    await expect(garbled.call('signOut', { serverId: 's1' })).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('multiplexes subscriptions on one listener and ignores unknown ids', () => {
    const r = recorder();
    const api = createIpcChatApi(r.ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.onNotice((n) => a.push(n));
    api.onTimeline('s1', 'r_general', (t) => b.push(t));
    expect(r.listeners).toHaveLength(1);
    const [subA, subB] = r.sent.map((m) => (m[1] as { sub: string }).sub);
    const page = (r.sent[0]![1] as { page: string }).page;
    expect(page).toMatch(/^[a-z0-9]{8,}$/);
    expect(r.sent[1]).toEqual([
      CHANNELS.subscribe,
      { kind: 'timeline', serverId: 's1', roomId: 'r_general', page, sub: subB },
    ]);
    expect(subA).not.toBe(subB);
    r.emit({ sub: subA, payload: 'one' });
    r.emit({ sub: subB, payload: 'two' });
    r.emit({ sub: 'unknown', payload: 'x' });
    r.emit(null);
    expect(a).toEqual(['one']);
    expect(b).toEqual(['two']);
    offA();
    offA();
    expect(r.sent.filter((m) => m[0] === CHANNELS.unsubscribe)).toEqual([
      [CHANNELS.unsubscribe, { sub: subA }],
    ]);
    r.emit({ sub: subA, payload: 'late' });
    expect(a).toEqual(['one']);
  });

  it('sends a dropped file by path and only the metadata with it', async () => {
    const r = recorder(() => ({ ok: true, value: 't1' }));
    const paths = new Map<unknown, string>();
    const api = createIpcChatApi(r.ipc, (f) => paths.get(f) ?? '');
    const file = new File(['hello'], 'a.txt', { type: 'text/plain' });
    paths.set(file, '/home/me/a.txt');
    await expect(api.upload({ ...target, text: 'hi' }, file)).resolves.toBe('t1');
    expect(r.invoked[0]).toEqual([
      CHANNELS.upload,
      { ...target, text: 'hi' },
      { name: 'a.txt', size: 5, type: 'text/plain', path: '/home/me/a.txt' },
    ]);
  });

  it('sends the bytes of a pasted file that has no path', async () => {
    const r = recorder(() => ({ ok: true, value: 't2' }));
    const api = createIpcChatApi(r.ipc, () => {
      throw new TypeError('not a File');
    });
    await api.upload(target, new File([new Uint8Array([7, 8, 9])], 'p.png', { type: 'image/png' }));
    const source = r.invoked[0]![2] as { bytes: Uint8Array; path?: string };
    expect(source.path).toBeUndefined();
    expect([...source.bytes]).toEqual([7, 8, 9]);
  });

  it('never takes a path from the page, only from getPathForFile', async () => {
    const r = recorder(() => ({ ok: true, value: 't3' }));
    const api = createIpcChatApi(r.ipc, () => '');
    const forged = { name: 'id_rsa', size: 3, type: '', path: '/home/me/.ssh/id_rsa' };
    await expect(api.upload(target, forged)).rejects.toMatchObject({ code: 'invalid' });
    expect(r.invoked).toEqual([]);
  });

  it('refuses a pasted file over 64 MiB before reading it', async () => {
    const r = recorder();
    const api = createIpcChatApi(r.ipc);
    let read = false;
    const huge = {
      name: 'big.bin',
      size: MAX_UPLOAD_BYTES_OVER_IPC + 1,
      type: '',
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    await expect(api.upload(target, huge)).rejects.toMatchObject({ code: 'too_large' });
    expect(read).toBe(false);
    expect(r.invoked).toEqual([]);
  });
});

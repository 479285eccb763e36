import { describe, expect, it } from 'vitest';
import { ChatApiError, type ChatApi } from '../../../../shared/api/index.js';
import { forBridge } from '../../../../electron/ipc/bridgeErrors.js';

const failing = (err: unknown): ChatApi => ({
  onState: () => () => undefined,
  onTimeline: () => () => undefined,
  onNotice: () => () => undefined,
  onOpenRoom: () => () => undefined,
  call: () => Promise.reject(err),
  upload: () => Promise.reject(err),
});

describe('forBridge', () => {
  it('rejects with plain, cloneable objects that keep the error code', async () => {
    const api = forBridge(failing(new ChatApiError('bad_password', 'Wrong password.')));
    const err: unknown = await api.call('stopHosting', {}).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(Error);
    expect(structuredClone(err)).toEqual({ code: 'bad_password', message: 'Wrong password.' });
    const up: unknown = await api
      .upload({ serverId: 's', roomId: 'r_abcd' }, { name: 'a', size: 1, type: 'x' })
      .catch((e: unknown) => e);
    expect(up).toEqual({ code: 'bad_password', message: 'Wrong password.' });
  });
  it('reports anything else as internal', async () => {
    const err: unknown = await forBridge(failing('boom'))
      .call('stopHosting', {})
      .catch((e: unknown) => e);
    expect(err).toEqual({ code: 'internal', message: 'boom' });
  });
  it('passes successes and subscriptions through', async () => {
    const calls: string[] = [];
    const api = forBridge({
      ...failing(null),
      onState: (l) => {
        calls.push('state');
        void l;
        return () => calls.push('off');
      },
      call: () => Promise.resolve({ serverId: 's1' }) as never,
    });
    await expect(api.call('addServer', { address: 'x' })).resolves.toEqual({ serverId: 's1' });
    api.onState(() => undefined)();
    expect(calls).toEqual(['state', 'off']);
  });
});

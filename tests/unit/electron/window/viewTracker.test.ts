import { describe, expect, it } from 'vitest';
import { ViewTracker, withWindowView } from '../../../../electron/window/viewTracker.js';
import { fakeEngine } from '../fakeEngine.js';

describe('ViewTracker', () => {
  it('keeps the renderer room and main focus/visibility', async () => {
    const engine = fakeEngine();
    const pushed: unknown[] = [];
    const tracker = new ViewTracker((v) => pushed.push(v));
    const api = withWindowView(engine.api, tracker);
    tracker.fromWindow({ focused: true, visible: true });
    // The renderer thinks the window is hidden; main knows better.
    await api.call('setView', {
      serverId: 's1',
      roomId: 'r_general',
      focused: false,
      visible: false,
    });
    expect(engine.calls.at(-1)).toEqual({
      kind: 'call',
      name: 'setView',
      args: { serverId: 's1', roomId: 'r_general', focused: true, visible: true },
    });
    tracker.fromWindow({ focused: false, visible: false });
    expect(pushed.at(-1)).toEqual({
      serverId: 's1',
      roomId: 'r_general',
      focused: false,
      visible: false,
    });
    // Leaving the room (no roomId) is kept too.
    await api.call('setView', { focused: true, visible: true });
    expect(tracker.current).toEqual({ focused: false, visible: false });
  });

  it('reports window changes only when something changed', () => {
    const pushed: unknown[] = [];
    const tracker = new ViewTracker((v) => pushed.push(v));
    tracker.fromWindow({ focused: false, visible: false });
    tracker.fromWindow({ focused: true, visible: true });
    tracker.fromWindow({ focused: true, visible: true });
    expect(pushed).toEqual([{ focused: true, visible: true }]);
  });

  it('passes every other member straight through', async () => {
    const engine = fakeEngine();
    const api = withWindowView(engine.api, new ViewTracker(() => undefined));
    await api.call('markRead', { serverId: 's', roomId: 'r_general', seq: 3 });
    await api.upload({ serverId: 's', roomId: 'r_general' }, { name: 'a', size: 1, type: '' });
    const off = api.onNotice(() => undefined);
    expect(engine.listeners.notices.size).toBe(1);
    off();
    expect(engine.calls.map((c) => c.kind)).toEqual(['call', 'upload']);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatClient } from '../../../shared/client/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';
import { join, testEngine, waitState } from '../../helpers/engine.js';

let t: TestServer;
const engines: ChatClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});
afterAll(async () => {
  await t.close();
});

describe('the engine keeps a paged copy of the directory', () => {
  it('counts everyone, searches by name, and catches up by version after a reconnect', async () => {
    const others = await Promise.all(
      ['Quinn', 'Quill', 'Rory'].map((n) => TestClient.join(t.server.url, n)),
    );
    const e = testEngine();
    engines.push(e);
    const id = await join(e, t.server.url, 'Watcher');
    const first = await waitState(e, (s) => s.servers[0]?.status === 'online');
    expect(first.servers[0]!.userCount).toBe(4);

    const page = await e.call('searchUsers', { serverId: id, query: 'qui', limit: 1 });
    expect(page.users.map((u) => u.name)).toEqual(['Quill']);
    expect(page.total).toBe(4);
    const rest = await e.call('searchUsers', {
      serverId: id,
      query: 'qui',
      cursor: page.next!,
    });
    expect(rest.users.map((u) => u.name)).toEqual(['Quinn']);
    expect(rest.next).toBeUndefined();

    // Rory shares no room with us, so no welcome lists them: only the search found them.
    const rory = others[2]!;
    await rory.request({ type: 'room:leave', roomId: 'r_general' });
    await e.call('searchUsers', { serverId: id, query: 'rory' });
    await waitState(e, (s) => s.servers[0]!.users.some((u) => u.id === rory.userId));
    // Offline, Rory renames; back online, the copy catches up (changes since its version).
    e.net.cut();
    await waitState(e, (s) => s.servers[0]?.status === 'offline');
    await rory.request({ type: 'profile:update', name: 'Rory Renamed' });
    e.net.restore();
    const back = await waitState(
      e,
      (s) => s.servers[0]!.users.some((u) => u.id === rory.userId && u.name === 'Rory Renamed'),
      10_000,
    );
    expect(back.servers[0]!.status).toBe('online');
    await Promise.all(others.map((c) => c.close()));
  }, 30_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
const open: TestClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await t?.close();
  t = undefined;
});

async function connect(): Promise<TestClient> {
  const c = await TestClient.connect(t!.server.url);
  open.push(c);
  return c;
}

describe('preferences follow the person', () => {
  it('defaults to mentions and DMs, changes reach every own session only, and survive a restart', async () => {
    t = await startTestServer({ durable: true });
    const laptop = await connect();
    const w = await laptop.hello({ name: 'Alice' });
    expect(w.prefs).toEqual(DEFAULT_PREFERENCES);
    expect(w.prefs.notify).toBe('mentions');
    const phone = await connect();
    await phone.hello({ token: laptop.token });
    const bob = await connect();
    await bob.hello({ name: 'Bob' });

    const onPhone = phone.next((f) => f.type === 'prefs');
    expect(
      await laptop.request({
        type: 'prefs:set',
        notify: 'all',
        rooms: { r_general: 'none' },
        sounds: false,
      }),
    ).toMatchObject({ type: 'ok' });
    const expected = { notify: 'all', rooms: { r_general: 'none' }, sounds: false };
    expect(await onPhone).toEqual({ type: 'prefs', prefs: expected });
    expect(bob.ofType('prefs')).toEqual([]);

    // null puts a room back on the global level; other fields stay.
    await laptop.request({ type: 'prefs:set', rooms: { r_general: null } });
    await laptop.request({ type: 'prefs:set', rooms: { r_general: 'all' } });
    await Promise.all(open.splice(0).map((c) => c.close()));
    await t.restart();
    const back = await connect();
    expect((await back.hello({ token: laptop.token })).prefs).toEqual({
      notify: 'all',
      rooms: { r_general: 'all' },
      sounds: false,
    });
  });

  it('refuses bad levels, unknown keys and rooms the person cannot see', async () => {
    t = await startTestServer();
    const alice = await connect();
    await alice.hello({ name: 'Alice' });
    const bob = await connect();
    await bob.hello({ name: 'Bob' });
    const carol = await connect();
    await carol.hello({ name: 'Carol' });
    const dm = await alice.request({ type: 'dm:open', userId: bob.userId });
    if (dm.type !== 'room:joined') throw new Error('no dm');
    for (const bad of [
      { notify: 'loud' },
      { rooms: { general: 'all' } },
      { sounds: 1 },
      { colour: 'red' },
    ]) {
      expect(
        await alice.request({ type: 'prefs:set', ...bad } as never),
        JSON.stringify(bad),
      ).toMatchObject({ type: 'error', code: 'invalid' });
    }
    expect(
      await carol.request({ type: 'prefs:set', rooms: { [dm.room.id]: 'all' } }),
    ).toMatchObject({ type: 'error' });
    expect(
      await alice.request({ type: 'prefs:set', rooms: { r_nosuchroom0: 'all' } }),
    ).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('gives a fresh file-access credential on request', async () => {
    t = await startTestServer();
    const alice = await connect();
    const w = await alice.hello({ name: 'Alice' });
    const reply = await alice.request({ type: 'files:access' });
    if (reply.type !== 'files:access') throw new Error(JSON.stringify(reply));
    expect(reply.expiresAt).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(reply.access.startsWith(`${w.user.id}.`)).toBe(true);
  });
});

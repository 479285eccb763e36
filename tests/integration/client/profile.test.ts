import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_ROOM_ID } from '../../../electron/server/chat/rooms.js';
import type { MessageNotice } from '../../../shared/api/index.js';
import { shouldNotify, type ChatClient } from '../../../shared/client/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { firstServer, join, testEngine, waitState } from '../../helpers/engine.js';

let t: TestServer;
const engines: ChatClient[] = [];
const engine = () => {
  const e = testEngine();
  engines.push(e);
  return e;
};
let n = 0;
const uniq = (name: string) => `${name}${++n}`;

beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});
afterAll(async () => {
  await t.close();
});

describe('engine: identity, profile and preferences', () => {
  it('protects a name, signs out, and signs in again from a fresh device', async () => {
    const laptop = engine();
    const name = uniq('Alice');
    const s = await join(laptop, t.server.url, name);
    const before = firstServer(await waitState(laptop, () => true));
    expect(before.protected).toBe(false);
    await laptop.call('protectName', { serverId: s, password: 'a long password' });
    expect(firstServer(await waitState(laptop, (x) => firstServer(x).protected)).protected).toBe(
      true,
    );
    const { code } = await laptop.call('makeSignInCode', { serverId: s });
    await laptop.call('signOut', { serverId: s });
    expect(firstServer(await waitState(laptop, () => true)).status).toBe('signed-out');

    const phone = engine();
    const { serverId } = await phone.call('addServer', { address: t.server.url });
    await expect(
      phone.call('signIn', { serverId, name, userPassword: 'wrong password' }),
    ).rejects.toMatchObject({ code: 'bad_password' });
    await phone.call('signIn', { serverId, name, userPassword: 'a long password' });
    const back = firstServer(await waitState(phone, (x) => firstServer(x).status === 'online'));
    expect(back.me?.id).toBe(before.me?.id);
    expect(back.protected).toBe(true);
    // The file link carries the short-lived credential, never the session token.
    expect(back.fileAccess?.access.startsWith(`${back.me!.id}.`)).toBe(true);
    expect(JSON.stringify(back)).not.toContain('"token"');

    const tablet = engine();
    const tab = (await tablet.call('addServer', { address: t.server.url })).serverId;
    await tablet.call('signIn', { serverId: tab, name, userPassword: code });
    expect(firstServer(await waitState(tablet, () => true)).me?.id).toBe(before.me?.id);
  });

  it('preferences follow the person to a second device and drive notifications', async () => {
    const a1 = engine();
    const name = uniq('Pat');
    const s1 = await join(a1, t.server.url, name);
    await a1.call('protectName', { serverId: s1, password: 'pat password' });
    const a2 = engine();
    const s2 = (await a2.call('addServer', { address: t.server.url })).serverId;
    await a2.call('signIn', { serverId: s2, name, userPassword: 'pat password' });
    expect(firstServer(await waitState(a2, () => true)).prefs.notify).toBe('mentions');

    await a1.call('setPrefs', {
      serverId: s1,
      rooms: { [GENERAL_ROOM_ID]: 'none' },
      sounds: false,
    });
    const synced = await waitState(
      a2,
      (x) => firstServer(x).prefs.rooms[GENERAL_ROOM_ID] === 'none',
    );
    expect(firstServer(synced).prefs.sounds).toBe(false);

    // A message in a room set to "none" reaches the device as a notice that must stay quiet.
    const notices: MessageNotice[] = [];
    a2.onNotice((x) => notices.push(x));
    await a2.call('setView', { focused: false, visible: true });
    const other = engine();
    const o = await join(other, t.server.url, uniq('Other'));
    await other.call('sendMessage', { serverId: o, roomId: GENERAL_ROOM_ID, text: `hi @${name}` });
    await waitState(a2, () => notices.length > 0);
    expect(notices[0]).toMatchObject({ level: 'none', mention: true, sound: false });
    expect(shouldNotify(notices[0]!, { focused: false, visible: true })).toBe(false);

    await a1.call('setPrefs', { serverId: s1, rooms: { [GENERAL_ROOM_ID]: null } });
    await waitState(a2, (x) => !(GENERAL_ROOM_ID in firstServer(x).prefs.rooms));
    await other.call('sendMessage', { serverId: o, roomId: GENERAL_ROOM_ID, text: 'plain' });
    await other.call('sendMessage', { serverId: o, roomId: GENERAL_ROOM_ID, text: `@${name} you` });
    await waitState(a2, () => notices.length >= 3);
    const decided = notices.slice(1).map((x) => shouldNotify(x, { focused: false, visible: true }));
    expect(decided).toEqual([false, true]);
  });

  it('sets status, do-not-disturb and a picture that others see', async () => {
    const me = engine();
    const viewer = engine();
    const s = await join(me, t.server.url, uniq('Sam'));
    const v = await join(viewer, t.server.url, uniq('Viewer'));
    const myId = firstServer(await waitState(me, () => true)).me!.id;
    await me.call('updateProfile', {
      serverId: s,
      statusText: 'Lunch',
      statusEmoji: '🥪',
      dnd: true,
    });
    const png = new Uint8Array(120);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await me.call('setAvatarImage', { serverId: s, image: png, type: 'image/png' });
    const seen = await waitState(viewer, (x) => {
      const u = firstServer(x).users.find((y) => y.id === myId);
      return !!u?.avatarImage && u.dnd === true;
    });
    const user = firstServer(seen).users.find((y) => y.id === myId)!;
    expect(user).toMatchObject({ statusText: 'Lunch', statusEmoji: '🥪', dnd: true });
    expect(v).toBeTruthy();
    await expect(
      me.call('updateProfile', { serverId: s, statusText: 'evil\u202Etxt' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      me.call('setAvatarImage', { serverId: s, image: new Uint8Array(0), type: 'image/png' }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, type User } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
const open: TestClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await t?.close();
  t = undefined;
});

async function signUp(name: string): Promise<TestClient> {
  const c = await TestClient.join(t!.server.url, name);
  open.push(c);
  return c;
}

/** A tiny valid PNG header followed by filler: the server checks the type by its bytes. */
const png = (size = 200) => {
  const b = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
};

function setPicture(c: TestClient, body: Buffer, auth = `Bearer ${c.token}`) {
  return fetch(`${t!.server.url}/api/avatar`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'image/png' },
    body: new Uint8Array(body),
  });
}

describe('profiles', () => {
  it('status, emoji and do-not-disturb reach everyone signed in, and nobody else', async () => {
    t = await startTestServer();
    const alice = await signUp('Alice');
    const bob = await signUp('Bob');
    const stranger = await TestClient.connect(t.server.url);
    open.push(stranger);
    const seen = bob.next((f) => f.type === 'user:updated' && f.user.id === alice.userId);
    expect(
      await alice.request({
        type: 'profile:update',
        statusText: '  In a meeting ',
        statusEmoji: '📅',
        dnd: true,
      }),
    ).toMatchObject({ type: 'ok' });
    expect(await seen).toMatchObject({
      user: { id: alice.userId, statusText: 'In a meeting', statusEmoji: '📅', dnd: true },
    });
    expect(stranger.frames).toEqual([]);
    // Clearing: empty strings and dnd false remove the fields.
    await alice.request({ type: 'profile:update', statusText: '', statusEmoji: '', dnd: false });
    const cleared = await bob.next(
      (f) => f.type === 'user:updated' && f.user.id === alice.userId && !f.user.dnd,
    );
    if (cleared.type !== 'user:updated') throw new Error('no update');
    expect(cleared.user).not.toHaveProperty('statusText');
    expect(cleared.user).not.toHaveProperty('statusEmoji');
  });

  it('refuses long, control-character and text-direction tricks', async () => {
    t = await startTestServer();
    const alice = await signUp('Alice');
    for (const bad of [
      { statusText: 'x'.repeat(LIMITS.statusTextMax + 1) },
      { statusText: 'line\nbreak' },
      { statusText: 'invoice\u202Efdp.exe' },
      { name: 'Eve\u2066' },
      { statusEmoji: 'e'.repeat(LIMITS.emojiMax + 1) },
      { dnd: 'yes' },
      { avatarImage: 'f_someoneelses00' },
    ]) {
      const reply = await alice.request({ type: 'profile:update', ...bad } as never);
      expect(reply, JSON.stringify(bad)).toMatchObject({ type: 'error', code: 'invalid' });
    }
    // Exactly at the limit passes, with an emoji counted as one character.
    expect(
      await alice.request({
        type: 'profile:update',
        statusText: '😀'.repeat(LIMITS.statusTextMax),
      }),
    ).toMatchObject({ type: 'ok' });
  });

  it('stores a picture, serves it with a file-access credential, and keeps it across a restart', async () => {
    t = await startTestServer({ durable: true });
    const alice = await signUp('Alice');
    const bob = await signUp('Bob');
    const heard = bob.next((f) => f.type === 'user:updated' && !!f.user.avatarImage);
    const res = await setPicture(alice, png());
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: User };
    expect(user.avatarImage).toMatch(/^f_/);
    expect(await heard).toMatchObject({ user: { avatarImage: user.avatarImage } });
    const url = `${t.server.url}/api/avatars/${user.avatarImage}`;
    const got = await fetch(`${url}?access=${bob.access}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(png())).toBe(true);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=${bob.token}`)).status).toBe(401);

    await Promise.all(open.splice(0).map((c) => c.close()));
    await t.restart();
    const back = await TestClient.connect(t.server.url);
    open.push(back);
    const w = await back.hello({ token: bob.token });
    expect(w.users.find((u) => u.id === alice.userId)?.avatarImage).toBe(user.avatarImage);
    const after = `${t.server.url}/api/avatars/${user.avatarImage}?access=${w.files.access}`;
    expect((await fetch(after)).status).toBe(200);
  });

  it('replacing or removing a picture deletes the old file; bad uploads are refused', async () => {
    t = await startTestServer();
    const alice = await signUp('Alice');
    const first = ((await (await setPicture(alice, png(100))).json()) as { user: User }).user;
    const second = ((await (await setPicture(alice, png(300))).json()) as { user: User }).user;
    expect(second.avatarImage).not.toBe(first.avatarImage);
    expect(
      (await fetch(`${t.server.url}/api/avatars/${first.avatarImage}?access=${alice.access}`))
        .status,
    ).toBe(404);
    expect(await alice.request({ type: 'profile:update', avatarImage: null })).toMatchObject({
      type: 'ok',
    });
    // The deletion runs just after the answer.
    for (let i = 0; i < 50 && (await readdir(join(t.dataDir, 'avatars'))).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(join(t.dataDir, 'avatars'))).toEqual([]);

    const html = await setPicture(alice, Buffer.from('<svg onload=alert(1)>'));
    expect(html.status).toBe(415);
    expect(await html.json()).toMatchObject({ error: 'unsupported_data' });
    const big = await setPicture(alice, png(LIMITS.avatarBytesMax + 1));
    expect(big.status).toBe(413);
    expect((await setPicture(alice, png(), 'Bearer nope')).status).toBe(401);
    expect((await setPicture(alice, png(), '')).status).toBe(401);
    expect(await readdir(join(t.dataDir, 'avatars'))).toEqual([]);
  });
});

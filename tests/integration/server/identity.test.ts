import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol/index.js';
import { WRONG_PER_ADDRESS, WRONG_PER_NAME } from '../../../electron/server/chat/identity.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
const open: TestClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await t?.close();
  t = undefined;
});

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(t!.server.url);
  open.push(c);
  return c;
}

const hello = (c: TestClient, fields: Record<string, unknown>) =>
  c.request({ type: 'hello', protocol: PROTOCOL_VERSION, ...fields } as never);

describe('identity: a protected name survives sign-out', () => {
  it('signs in from a second client with the personal password, as the same person', async () => {
    t = await startTestServer({ password: 'server-secret' });
    const first = await client();
    const welcome = await first.hello({ name: 'Alice', password: 'server-secret' });
    expect(welcome.protected).toBe(false);
    expect(await first.request({ type: 'identity:protect', password: 'short' })).toMatchObject({
      type: 'error',
      code: 'invalid',
    });
    expect(
      await first.request({ type: 'identity:protect', password: 'correct horse battery' }),
    ).toMatchObject({ type: 'ok' });
    expect(first.ofType('identity')).toEqual([{ type: 'identity', protected: true }]);
    await first.say('r_general', 'before');

    // A second device: name + personal password, no server password needed.
    const second = await client();
    const again = await second.hello({ name: 'alice', userPassword: 'correct horse battery' });
    expect(again.user.id).toBe(first.userId);
    expect(again.user.name).toBe('Alice');
    expect(again.protected).toBe(true);
    expect(again.token).not.toBe(first.token);
    // Both devices stay signed in, each with its own token.
    const third = await client();
    expect((await third.hello({ token: first.token })).user.id).toBe(first.userId);

    // Only hashes are stored: neither the password nor the new token is in the users' files.
    await t.server.store.users.settled();
    const dir = join(t.dataDir, 'users');
    let users = '';
    for (const f of await readdir(dir)) users += await readFile(join(dir, f), 'utf8');
    expect(users).not.toContain('correct horse battery');
    expect(users).not.toContain(again.token);
    expect(users).toContain('"N":16384');
  });

  it('refuses wrong passwords, unprotected names and unknown names alike', async () => {
    t = await startTestServer();
    const alice = await client();
    await alice.hello({ name: 'Alice' });
    const bob = await client();
    await bob.hello({ name: 'Bob' });
    await alice.request({ type: 'identity:protect', password: 'alice-password' });
    for (const [name, pw] of [
      ['Alice', 'wrong-password'],
      ['Bob', 'anything-at-all'],
      ['Nobody', 'alice-password'],
    ]) {
      const c = await client();
      expect(await hello(c, { name, userPassword: pw })).toMatchObject({
        type: 'error',
        code: 'bad_password',
      });
    }
    // The name stays taken for a plain registration, and the message says what to do.
    const c = await client();
    expect(await hello(c, { name: 'Alice' })).toMatchObject({ code: 'name_taken' });
  });

  it('limits guesses per address, and the right password is refused while limited', async () => {
    t = await startTestServer();
    const alice = await client();
    await alice.hello({ name: 'Alice' });
    await alice.request({ type: 'identity:protect', password: 'alice-password' });
    const c = await client();
    for (let i = 0; i < WRONG_PER_ADDRESS; i++)
      expect(await hello(c, { name: 'Alice', userPassword: `guess-${i}` })).toMatchObject({
        code: 'bad_password',
      });
    expect(await hello(c, { name: 'Alice', userPassword: 'alice-password' })).toMatchObject({
      type: 'error',
      code: 'rate_limited',
    });
  });

  it('limits guesses per name across addresses; other names are not affected', async () => {
    t = await startTestServer();
    for (const name of ['Alice', 'Bob']) {
      const c = await client();
      await c.hello({ name });
      await c.request({ type: 'identity:protect', password: `${name} password` });
    }
    // Spread over several addresses, each under its own limit.
    const perAddress = WRONG_PER_ADDRESS - 1;
    let guesses = 0;
    for (let a = 2; guesses < WRONG_PER_NAME; a++) {
      const c = await TestClient.connect(t.server.url, { localAddress: `127.0.0.${a}` });
      open.push(c);
      for (let i = 0; i < perAddress && guesses < WRONG_PER_NAME; i++, guesses++)
        expect(await hello(c, { name: 'Alice', userPassword: `guess-${guesses}` })).toMatchObject({
          code: 'bad_password',
        });
    }
    const fresh = await TestClient.connect(t.server.url, { localAddress: '127.0.0.99' });
    open.push(fresh);
    expect(await hello(fresh, { name: 'alice', userPassword: 'Alice password' })).toMatchObject({
      code: 'rate_limited',
    });
    expect((await fresh.hello({ name: 'Bob', userPassword: 'Bob password' })).user.name).toBe(
      'Bob',
    );
  });

  it('a one-time sign-in code works once, and survives a restart', async () => {
    t = await startTestServer({ durable: true });
    const alice = await client();
    await alice.hello({ name: 'Alice' });
    const reply = await alice.request({ type: 'identity:code' });
    if (reply.type !== 'identity:code') throw new Error(JSON.stringify(reply));
    expect(reply.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await Promise.all(open.splice(0).map((c) => c.close()));
    await t.restart();

    const phone = await client();
    const typed = reply.code.toLowerCase().replace(/-/g, ' ');
    expect((await phone.hello({ name: 'Alice', userPassword: typed })).user.id).toBe(alice.userId);
    const thief = await client();
    expect(await hello(thief, { name: 'Alice', userPassword: reply.code })).toMatchObject({
      code: 'bad_password',
    });
  });

  it('the personal password survives a restart; signing out revokes only that device', async () => {
    t = await startTestServer({ durable: true });
    const alice = await client();
    await alice.hello({ name: 'Alice' });
    await alice.request({ type: 'identity:protect', password: 'alice-password' });
    await Promise.all(open.splice(0).map((c) => c.close()));
    await t.restart();

    const laptop = await client();
    const w = await laptop.hello({ name: 'Alice', userPassword: 'alice-password' });
    expect(w.protected).toBe(true);
    const other = await client();
    await other.hello({ token: alice.token });
    expect(await laptop.request({ type: 'identity:signout' })).toMatchObject({ type: 'ok' });
    expect(await laptop.closed()).toBe(4401);
    const reuse = await client();
    expect(await hello(reuse, { token: laptop.token })).toMatchObject({ code: 'unauthorized' });
    // The other device is untouched.
    expect(await other.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
    const back = await client();
    expect((await back.hello({ token: alice.token })).user.id).toBe(alice.userId);
  });
});

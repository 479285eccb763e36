import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerFrame } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

const DAY = 24 * 3600_000;
let clock = Date.now();
let t: TestServer;
let owner: TestClient;
const open: TestClient[] = [];

const codeOf = (f: ServerFrame) => (f.type === 'error' ? f.code : f.type);

async function join(name: string, invite?: string): Promise<TestClient> {
  const c = await TestClient.join(t.server.url, name, invite ? { invite } : {});
  open.push(c);
  return c;
}
async function reconnect(): Promise<TestClient> {
  const c = await TestClient.connect(t.server.url);
  open.push(c);
  return c;
}
async function closeReason(c: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    c.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

beforeAll(async () => {
  t = await startTestServer({ owner: 'Olga', now: () => clock });
  await join('Early'); // --owner names the owner, not the first name
  owner = await join('Olga');
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await t.close();
});

describe('roles', () => {
  it('--owner makes that name the owner', () => {
    expect(owner.ofType('welcome')[0]!.user.role).toBe('owner');
    expect(open[0]!.ofType('welcome')[0]!.user.role).toBe('member');
  });

  it('owners make admins; admins cannot act on their equals or the owner', async () => {
    const adam = await join('Adam');
    const ann = await join('Ann');
    expect(
      await owner.request({ type: 'user:role', userId: adam.userId, role: 'admin' }),
    ).toMatchObject({ type: 'ok' });
    const news = await ann.waitFor(
      (f) => f.type === 'user:updated' && f.user.id === adam.userId && f.user.role === 'admin',
    );
    expect(news).toBeTruthy();
    expect(
      await adam.request({ type: 'user:role', userId: ann.userId, role: 'admin' }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(codeOf(await adam.request({ type: 'user:kick', userId: ann.userId }))).toBe('forbidden');
    expect(codeOf(await adam.request({ type: 'user:ban', userId: owner.userId }))).toBe(
      'forbidden',
    );
    expect(
      codeOf(await ann.request({ type: 'user:role', userId: adam.userId, role: 'member' })),
    ).toBe('forbidden');
    expect(
      await owner.request({ type: 'user:role', userId: ann.userId, role: 'member' }),
    ).toMatchObject({
      type: 'ok',
    });
    const member = await join('Mo');
    expect(codeOf(await member.request({ type: 'user:kick', userId: ann.userId }))).toBe(
      'forbidden',
    );
  });
});

describe('kick and ban', () => {
  it('kick closes every live socket of the user with 4403 "kicked"; the token still works', async () => {
    const kim = await join('Kim');
    const second = await reconnect();
    await second.hello({ token: kim.token });
    const [a, b] = [closeReason(kim), closeReason(second)];
    expect(await owner.request({ type: 'user:kick', userId: kim.userId })).toMatchObject({
      type: 'ok',
    });
    expect(await a).toEqual({ code: CLOSE_CODES.kicked, reason: 'kicked' });
    expect(await b).toEqual({ code: CLOSE_CODES.kicked, reason: 'kicked' });
    const back = await reconnect();
    expect((await back.hello({ token: kim.token })).user.name).toBe('Kim');
  });

  it('ban closes live sockets with 4410 "banned", revokes every token, keeps the name out', async () => {
    const bo = await join('Bo');
    // A protected name and a file-access credential: neither may outlive the ban.
    expect(await bo.request({ type: 'identity:protect', password: 'correct horse' })).toMatchObject(
      { type: 'ok' },
    );
    const access = bo.ofType('welcome')[0]!.files.access;
    const closing = closeReason(bo);
    const mia = await join('Mia');
    expect(await owner.request({ type: 'user:ban', userId: bo.userId })).toMatchObject({
      type: 'ok',
    });
    expect(await closing).toEqual({ code: CLOSE_CODES.revoked, reason: 'banned' });
    const news = await mia.waitFor((f) => f.type === 'user:updated' && f.user.id === bo.userId);
    expect(news.type === 'user:updated' && news.user.banned).toBe(true);
    // The token is gone: at the upgrade (401) and in hello (4401).
    await expect(TestClient.connect(t.server.url, { token: bo.token })).rejects.toThrow(/401/);
    const c = await reconnect();
    expect(
      codeOf(await c.request({ type: 'hello', protocol: PROTOCOL_VERSION, token: bo.token })),
    ).toBe('unauthorized');
    expect(await c.closed()).toBe(CLOSE_CODES.unauthorized);
    // Not even through a valid invite, in any letter case.
    const inv = await owner.request({ type: 'invite:create', maxUses: 5 });
    const code = inv.type === 'invite:created' ? inv.invite.code : '';
    const d = await reconnect();
    const refused = await d.request({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      name: 'BO',
      invite: code,
    });
    expect(refused).toMatchObject({ type: 'error', code: 'banned' });
    const viaPassword = await reconnect();
    expect(
      await viaPassword.request({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        name: 'Bo',
        userPassword: 'correct horse',
      }),
    ).toMatchObject({ type: 'error', code: 'banned' });
    const withAccess = await fetch(`${t.server.url}/api/files/f_abcdefghijkl?access=${access}`);
    expect(withAccess.status).toBe(401);
    // Files need a token too.
    const res = await fetch(`${t.server.url}/api/files/f_abcdefghijkl`, {
      headers: { Authorization: `Bearer ${bo.token}` },
    });
    expect(res.status).toBe(401);
    // The refusal used none of the invite.
    const list = await owner.request({ type: 'invite:list' });
    expect(list.type === 'invite:list' && list.invites.find((i) => i.code === code)?.uses).toBe(0);
  });
});

describe('sessions', () => {
  it('"sign out everywhere" revokes every token; other sockets close with 4410', async () => {
    const sam = await join('Sam');
    const other = await reconnect();
    await other.hello({ token: sam.token });
    const third = await reconnect();
    await third.hello({ token: sam.token });
    const [b, c] = [closeReason(other), closeReason(third)];
    const reply = await sam.request({ type: 'sessions:revoke' });
    if (reply.type !== 'sessions:revoked') throw new Error(JSON.stringify(reply));
    expect(await b).toEqual({ code: CLOSE_CODES.revoked, reason: 'signed out everywhere' });
    expect(await c).toEqual({ code: CLOSE_CODES.revoked, reason: 'signed out everywhere' });
    // The old token is dead everywhere, this device's included; the asking session goes on.
    const old = await reconnect();
    expect(
      codeOf(await old.request({ type: 'hello', protocol: PROTOCOL_VERSION, token: sam.token })),
    ).toBe('unauthorized');
    expect(
      (
        await fetch(`${t.server.url}/api/files/f_abcdefghijkl`, {
          headers: { Authorization: `Bearer ${sam.token}` },
        })
      ).status,
    ).toBe(401);
    expect((await sam.request({ type: 'ping' })).type).toBe('pong');
    const fresh = await reconnect();
    expect((await fresh.hello({ token: reply.token })).user.name).toBe('Sam');
  });

  it('a token unused for 30 days expires; one in use does not', async () => {
    const idle = await join('Idle');
    const busy = await join('Busy');
    await Promise.all([idle.close(), busy.close()]);
    clock += 20 * DAY;
    const b1 = await reconnect();
    await b1.hello({ token: busy.token });
    await b1.close();
    clock += 11 * DAY;
    const i = await reconnect();
    const refused = await i.request({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      token: idle.token,
    });
    expect(refused).toMatchObject({ type: 'error', code: 'unauthorized' });
    expect(refused.type === 'error' && refused.message).toMatch(/expired/);
    // The use 11 days ago rotated the token: the client keeps welcome's.
    expect(b1.token).not.toBe(busy.token);
    const b2 = await reconnect();
    const w = await b2.hello({ token: b1.token });
    expect(w.user.name).toBe('Busy');
    await b2.close();
  });

  it('rotates a token older than 7 days; the old one works for 24 h more', async () => {
    const rita = await join('Rita');
    const first = rita.token;
    await rita.close();
    clock += 8 * DAY;
    const c1 = await reconnect();
    const w = await c1.hello({ token: first });
    expect(w.token).not.toBe(first);
    const next = w.token;
    // A younger token is not rotated again.
    const c2 = await reconnect();
    expect((await c2.hello({ token: next })).token).toBe(next);
    clock += 23 * 3600_000;
    const c3 = await reconnect();
    expect(
      (await c3.request({ type: 'hello', protocol: PROTOCOL_VERSION, token: first })).type,
    ).toBe('welcome');
    clock += 2 * 3600_000;
    const c4 = await reconnect();
    expect(
      codeOf(await c4.request({ type: 'hello', protocol: PROTOCOL_VERSION, token: first })),
    ).toBe('unauthorized');
    const c5 = await reconnect();
    expect((await c5.hello({ token: next })).user.name).toBe('Rita');
  });
});

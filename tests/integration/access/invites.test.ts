import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Invite, type ServerFrame } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

const DAY = 24 * 3600_000;
let clock = Date.now();
let t: TestServer;
let owner: TestClient;
const open: TestClient[] = [];

async function invite(by: TestClient, extra: { maxUses?: number; expiresInMs?: number } = {}) {
  const reply = await by.request({ type: 'invite:create', ...extra });
  if (reply.type !== 'invite:created') throw new Error(JSON.stringify(reply));
  return reply.invite;
}

/** A registering hello on a fresh socket; returns the reply (welcome or error). */
async function tryJoin(fields: { name: string; invite?: string; password?: string }) {
  const c = await TestClient.connect(t.server.url);
  open.push(c);
  const reply = await c.request({ type: 'hello', protocol: PROTOCOL_VERSION, ...fields });
  return { c, reply };
}

const codeOf = (f: ServerFrame) => (f.type === 'error' ? f.code : f.type);

beforeAll(async () => {
  t = await startTestServer({ password: 'sesame', now: () => clock });
  owner = await TestClient.join(t.server.url, 'Olga', { password: 'sesame' });
  open.push(owner);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await t.close();
});

describe('roles', () => {
  it('makes the first name the owner and later ones members, in welcome and the directory', async () => {
    expect(owner.ofType('welcome')[0]!.user.role).toBe('owner');
    const { reply } = await tryJoin({ name: 'Mia', password: 'sesame' });
    expect(reply.type === 'welcome' && reply.user.role).toBe('member');
    const seen = await owner.waitFor((f) => f.type === 'user:updated' && f.user.name === 'Mia');
    expect(seen.type === 'user:updated' && seen.user.role).toBe('member');
  });

  it('lets only owners and admins make invites', async () => {
    const { c } = await tryJoin({ name: 'Max', password: 'sesame' });
    await c.waitFor((f) => f.type === 'welcome');
    expect(codeOf(await c.request({ type: 'invite:create' }))).toBe('forbidden');
    expect(codeOf(await c.request({ type: 'invite:list' }))).toBe('forbidden');
    expect(codeOf(await c.request({ type: 'server:settings', inviteOnly: true }))).toBe(
      'forbidden',
    );
  });
});

describe('invites', () => {
  it('lets a new name in without the password, once for a single-use invite', async () => {
    const inv = await invite(owner);
    expect(inv).toMatchObject({ maxUses: 1, uses: 0 });
    expect(inv.expiresAt - inv.createdAt).toBe(7 * DAY);
    const first = await tryJoin({ name: 'Guest1', invite: inv.code });
    expect(first.reply.type).toBe('welcome');
    const second = await tryJoin({ name: 'Guest2', invite: inv.code });
    expect(second.reply).toMatchObject({ type: 'error', code: 'invite_used_up' });
    expect(second.reply.type === 'error' && second.reply.message).toMatch(/used up/);
    // The refused guest's socket stays open for another try.
    expect(second.c.ws.readyState).toBe(1);
  });

  it('counts N uses and lists what is left; a failed join does not use one', async () => {
    const inv = await invite(owner, { maxUses: 3 });
    expect((await tryJoin({ name: 'Olga', invite: inv.code })).reply).toMatchObject({
      code: 'name_taken',
    });
    for (const name of ['Trio1', 'Trio2']) {
      expect((await tryJoin({ name, invite: inv.code })).reply.type).toBe('welcome');
    }
    const list = await owner.request({ type: 'invite:list' });
    const listed = list.type === 'invite:list' ? list.invites : [];
    expect(listed.find((i: Invite) => i.code === inv.code)).toMatchObject({ uses: 2, maxUses: 3 });
    expect((await tryJoin({ name: 'Trio3', invite: inv.code })).reply.type).toBe('welcome');
    expect((await tryJoin({ name: 'Trio4', invite: inv.code })).reply).toMatchObject({
      code: 'invite_used_up',
    });
    const after = await owner.request({ type: 'invite:list' });
    expect(after.type === 'invite:list' && after.invites.some((i) => i.code === inv.code)).toBe(
      false,
    );
  });

  it('refuses an expired invite (clock moved, no sleeping)', async () => {
    const inv = await invite(owner, { expiresInMs: DAY });
    clock += DAY + 1;
    const { reply } = await tryJoin({ name: 'Late', invite: inv.code });
    expect(reply).toMatchObject({ type: 'error', code: 'invite_expired' });
  });

  it('refuses a revoked invite and an unknown code', async () => {
    const inv = await invite(owner, { maxUses: 5 });
    expect(await owner.request({ type: 'invite:revoke', code: inv.code })).toMatchObject({
      type: 'ok',
    });
    expect((await tryJoin({ name: 'Rev', invite: inv.code })).reply).toMatchObject({
      code: 'invite_revoked',
    });
    expect((await tryJoin({ name: 'Rev', invite: 'AAAAAAAAAAAAAAAAAAAAAA' })).reply).toMatchObject({
      code: 'invite_invalid',
    });
    expect(
      codeOf(await owner.request({ type: 'invite:revoke', code: 'AAAAAAAAAAAAAAAAAAAAAA' })),
    ).toBe('not_found');
  });

  it('invite-only mode: new names need an invite or the password; everyone hears of it', async () => {
    const listener = (await tryJoin({ name: 'Listener', password: 'sesame' })).c;
    await listener.waitFor((f) => f.type === 'welcome');
    expect(await owner.request({ type: 'server:settings', inviteOnly: true })).toMatchObject({
      type: 'ok',
    });
    const news = await listener.waitFor((f) => f.type === 'server:updated');
    expect(news.type === 'server:updated' && news.server.inviteOnly).toBe(true);
    const health = (await (await fetch(`${t.server.url}/api/health`)).json()) as {
      inviteOnly: boolean;
    };
    expect(health.inviteOnly).toBe(true);
    // The password still works here (this server has one).
    expect((await tryJoin({ name: 'PwGuest', password: 'sesame' })).reply.type).toBe('welcome');
    expect((await tryJoin({ name: 'NoPw' })).reply).toMatchObject({ code: 'bad_password' });
    await owner.request({ type: 'server:settings', inviteOnly: false });
  });
});

describe('invite-only without a password', () => {
  it('needs an invite, with the documented error', async () => {
    const t2 = await startTestServer();
    try {
      const boss = await TestClient.join(t2.server.url, 'Boss');
      await boss.request({ type: 'server:settings', inviteOnly: true });
      const c = await TestClient.connect(t2.server.url);
      const reply = await c.request({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        name: 'Stranger',
      });
      expect(reply).toMatchObject({ type: 'error', code: 'invite_required' });
      const inv = await invite(boss);
      expect(
        (
          await c.request({
            type: 'hello',
            protocol: PROTOCOL_VERSION,
            name: 'Friend',
            invite: inv.code,
          })
        ).type,
      ).toBe('welcome');
      // Restarted, the setting and the used invite are still there.
      await Promise.all([boss.close(), c.close()]);
      await t2.restart();
      const again = await TestClient.connect(t2.server.url);
      expect(
        codeOf(
          await again.request({
            type: 'hello',
            protocol: PROTOCOL_VERSION,
            name: 'X',
            invite: inv.code,
          }),
        ),
      ).toBe('invite_used_up');
      expect(
        codeOf(await again.request({ type: 'hello', protocol: PROTOCOL_VERSION, name: 'Y' })),
      ).toBe('invite_required');
      await again.close();
    } finally {
      await t2.close();
    }
  });
});

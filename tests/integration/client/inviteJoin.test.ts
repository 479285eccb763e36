/**
 * A desktop join from a `parley://join?url=&fp=&code=` link: the real engine with the desktop's
 * Node transports pins the link's fingerprint and registers with its invite, so a server with a
 * password lets the new name in without it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttp } from '../../../electron/transport/nodeHttp.js';
import { createNodeSocketFactory } from '../../../electron/transport/nodeSocket.js';
import { createChatClient, type ChatClient } from '../../../shared/client/index.js';
import { memoryStorage, TEST_TIMING, waitState } from '../../helpers/engine.js';
import { TestClient } from '../../helpers/testClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

let t: TestServer;
let scratch: string;
let owner: TestClient;
const engines: ChatClient[] = [];

function desktopEngine(): ChatClient {
  const e = createChatClient(
    {
      socket: createNodeSocketFactory(),
      http: createNodeHttp({ downloadsDir: join(scratch, 'downloads') }),
      storage: memoryStorage(),
    },
    TEST_TIMING,
  );
  engines.push(e);
  return e;
}

async function newInvite(): Promise<string> {
  const reply = await owner.request({ type: 'invite:create' });
  if (reply.type !== 'invite:created') throw new Error(JSON.stringify(reply));
  return reply.invite.code;
}

beforeAll(async () => {
  t = await startTestServer({ tls: 'auto', password: 'sesame' });
  scratch = await mkdtemp(join(tmpdir(), 'parley-invite-join-'));
  owner = await TestClient.join(t.server.url, 'Olga', {
    password: 'sesame',
    fingerprint: t.server.tls!.fingerprint,
  });
});
afterAll(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
  owner?.close();
  await t?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('joining from an invite link in the desktop engine', () => {
  it('registers with the invite instead of the server password, once', async () => {
    const e = desktopEngine();
    const code = await newInvite();
    const { serverId } = await e.call('join', {
      url: t.server.url,
      fingerprint: t.server.tls!.fingerprint,
      inviteCode: code,
    });
    await e.call('signIn', { serverId: serverId!, name: 'Invitee' });
    const s = await waitState(e, (st) => st.servers[0]?.status === 'online');
    expect(s.servers[0]!.me?.name).toBe('Invitee');
    // The single-use invite is spent: a second engine with the same link is refused.
    const again = desktopEngine();
    const second = await again.call('join', {
      url: t.server.url,
      fingerprint: t.server.tls!.fingerprint,
      inviteCode: code,
    });
    await expect(
      again.call('signIn', { serverId: second.serverId!, name: 'Late' }),
    ).rejects.toMatchObject({ code: 'invite_used_up' });
  });

  it('without an invite, the same server still asks for its password', async () => {
    const e = desktopEngine();
    const { serverId } = await e.call('join', {
      url: t.server.url,
      fingerprint: t.server.tls!.fingerprint,
    });
    await expect(e.call('signIn', { serverId: serverId!, name: 'NoInvite' })).rejects.toMatchObject(
      {
        code: 'bad_password',
      },
    );
  });
});

/**
 * The desktop engine's trust in a server: the real engine with the desktop's Node transports
 * (ws + node:https holding to the pin) against real TLS servers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_ROOM_ID } from '../../../electron/server/chat/rooms.js';
import { dataDirCertificate } from '../../../electron/server/tls/certificate.js';
import { createNodeHttp } from '../../../electron/transport/nodeHttp.js';
import { createNodeSocketFactory } from '../../../electron/transport/nodeSocket.js';
import { createChatClient, type ChatClient } from '../../../shared/client/index.js';
import { createLogger } from '../../../shared/log.js';
import {
  fingerprintWords,
  IDENTITY_CHANGED,
  IDENTITY_CHANGED_MESSAGE,
} from '../../../shared/protocol/index.js';
import { memoryStorage, TEST_TIMING, waitState, waitTimeline } from '../../helpers/engine.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

let t: TestServer;
let scratch: string;
const engines: ChatClient[] = [];

/** An engine wired like Electron main's. */
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

beforeAll(async () => {
  t = await startTestServer({ tls: 'auto' });
  scratch = await mkdtemp(join(tmpdir(), 'parley-pin-'));
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});
afterAll(async () => {
  await t?.close();
  await rm(scratch, { recursive: true, force: true });
});

const fp = () => t.server.tls!.fingerprint;

describe('pinning in the desktop engine', () => {
  it('asks to confirm an unknown server as words, then joins and chats over the pinned connection', async () => {
    const e = desktopEngine();
    // Typed as a person would: no scheme. https is tried first.
    const first = await e.call('join', { url: `127.0.0.1:${t.server.port}` });
    expect(first.confirm).toEqual({
      url: t.server.url,
      fingerprint: fp(),
      words: fingerprintWords(fp()),
    });
    // Nothing was added before the user confirmed.
    expect((await waitState(e, (s) => s.ready)).servers).toEqual([]);
    await expect(e.call('addServer', { address: t.server.url })).rejects.toMatchObject({
      code: 'identity_unconfirmed',
    });

    const { serverId } = await e.call('join', { url: t.server.url, fingerprint: fp() });
    expect(serverId).toBeTruthy();
    await e.call('signIn', { serverId: serverId!, name: 'Pinned' });
    const s = await waitState(e, (st) => st.servers[0]?.status === 'online');
    expect(s.servers[0]).toMatchObject({
      url: t.server.url,
      encrypted: true,
      identity: { fingerprint: fp(), words: fingerprintWords(fp()) },
    });
    await e.call('sendMessage', { serverId: serverId!, roomId: GENERAL_ROOM_ID, text: 'pinned' });
    await waitTimeline(e, serverId!, GENERAL_ROOM_ID, (tl) =>
      tl.messages.some((m) => m.text === 'pinned' && m.status === 'sent'),
    );
    // A second join of the same server with its pin is the same entry, with no prompt.
    expect(await e.call('join', { url: t.server.url })).toEqual({ serverId });
  });

  it('joins at once with the fingerprint an invite carries, and refuses a wrong one', async () => {
    const e = desktopEngine();
    const wrong = 'ab'.repeat(32);
    await expect(e.call('join', { url: t.server.url, fingerprint: wrong })).rejects.toMatchObject({
      code: IDENTITY_CHANGED,
      message: IDENTITY_CHANGED_MESSAGE,
    });
    const joined = await e.call('join', {
      url: t.server.url,
      fingerprint: fp(),
      inviteCode: 'abc123',
    });
    expect(joined.serverId).toBeTruthy();
    expect(joined.confirm).toBeUndefined();
  });

  it('refuses a server that later presents another certificate, and does not retry', async () => {
    const e = desktopEngine();
    const original = fp();
    const { serverId } = await e.call('join', { url: t.server.url, fingerprint: original });
    await e.call('signIn', { serverId: serverId!, name: 'Watcher' });
    await waitState(e, (st) => st.servers[0]?.status === 'online');

    // The same address now answers with another certificate (an impostor, or a new key).
    const port = t.server.port;
    const other = await dataDirCertificate(join(scratch, 'impostor'), createLogger('t', 'silent'));
    expect(other.fingerprint).not.toBe(original);
    await t.restart({
      port,
      tls: {
        certFile: join(scratch, 'impostor', 'tls', 'cert.pem'),
        keyFile: join(scratch, 'impostor', 'tls', 'key.pem'),
      },
    });
    const refused = await waitState(
      e,
      (st) => st.servers[0]?.error?.code === IDENTITY_CHANGED,
      10_000,
    );
    expect(refused.servers[0]!.status).not.toBe('online');
    expect(refused.servers[0]!.error!.message).toBe(IDENTITY_CHANGED_MESSAGE);
    // Joining again does not quietly accept the new certificate either.
    await expect(e.call('join', { url: t.server.url })).rejects.toMatchObject({
      code: IDENTITY_CHANGED,
    });
    // Nor do HTTP requests: a download is refused before anything is sent.
    const http = createNodeHttp({ downloadsDir: join(scratch, 'downloads') });
    await expect(
      http.health(t.server.url, undefined, { fingerprint: original }),
    ).rejects.toMatchObject({ code: IDENTITY_CHANGED });
    expect(refused.servers[0]!.identity!.fingerprint).toBe(original);
    await t.restart({ port, tls: 'auto' });
    expect(fp()).toBe(original);
  });
});

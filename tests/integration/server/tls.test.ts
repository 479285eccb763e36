import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../electron/server/server.js';
import { dataDirCertificate } from '../../../electron/server/tls/certificate.js';
import { IdentityChangedError } from '../../../electron/transport/pinnedTls.js';
import { createLogger } from '../../../shared/log.js';
import { HealthResponse, IDENTITY_CHANGED_MESSAGE } from '../../../shared/protocol/index.js';
import { TestClient } from '../../helpers/testClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { get } from '../../helpers/tls.js';

const quiet = createLogger('test', 'silent');
let t: TestServer;
let scratch: string;

beforeAll(async () => {
  t = await startTestServer({ tls: 'auto' });
  scratch = await mkdtemp(join(tmpdir(), 'parley-tls-'));
});
afterAll(async () => {
  await t?.close();
  await rm(scratch, { recursive: true, force: true });
});

const fp = () => t.server.tls!.fingerprint;

describe('TLS as the server identity', () => {
  it('serves https and wss with a P-256 certificate generated into the data directory', async () => {
    expect(t.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fp()).toMatch(/^[0-9a-f]{64}$/);
    const res = await get(`${t.server.url}/api/health`, { fingerprint: fp() });
    expect(res.status).toBe(200);
    const health = HealthResponse.parse(JSON.parse(res.body));
    expect(health.tls).toEqual({ fingerprint: fp() });
    // The key is private to the owner; the certificate is public.
    expect((await stat(join(t.dataDir, 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
    const { X509Certificate } = await import('node:crypto');
    const cert = new X509Certificate(t.server.tls!.cert);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // A whole chat session over wss, through the pinned connection.
    const c = await TestClient.join(t.server.url, 'Secure', { fingerprint: fp() });
    c.send({ type: 'message:send', roomId: 'r_general', clientId: 'x1', text: 'over tls' });
    await c.waitFor((f) => f.type === 'message:ack' && f.clientId === 'x1');
    await c.close();
  });

  it('keeps its identity across a restart', async () => {
    const before = fp();
    await t.restart({ tls: 'auto' });
    expect(fp()).toBe(before);
    const res = await get(`${t.server.url}/api/health`, { fingerprint: before });
    expect(JSON.parse(res.body).tls.fingerprint).toBe(before);
  });

  it('answers plain http on the same port with a redirect to https', async () => {
    const plain = t.server.url.replace('https:', 'http:');
    const res = await get(`${plain}/rooms/general?x=1`);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`${t.server.url}/rooms/general?x=1`);
    // A plain WebSocket upgrade is told the same, never served.
    const ws = new WebSocket(`${plain.replace('http:', 'ws:')}/ws`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });
    ws.terminate();
    expect(status).toBe(308);
    // A name the server does not answer to is refused, not redirected (DNS rebinding).
    const hostile = await get(`${plain}/`, { headers: { Host: 'evil.example:80' } });
    expect(hostile.status).toBe(403);
    expect(hostile.headers.location).toBeUndefined();
  });

  it('refuses a pinned connection to a server presenting another certificate', async () => {
    const other = '0'.repeat(64);
    const err = await get(`${t.server.url}/api/health`, { fingerprint: other }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IdentityChangedError);
    expect((err as IdentityChangedError).message).toContain(IDENTITY_CHANGED_MESSAGE);
    expect((err as IdentityChangedError).presented).toBe(fp());
    await expect(TestClient.connect(t.server.url, { fingerprint: other })).rejects.toThrow(
      /identity changed/,
    );
  });

  it('serves a given certificate and key, and names a file it cannot read', async () => {
    const made = await dataDirCertificate(join(scratch, 'given'), quiet);
    const certFile = join(scratch, 'given', 'tls', 'cert.pem');
    const keyFile = join(scratch, 'given', 'tls', 'key.pem');
    const dataDir = join(scratch, 'data');
    const base = { dataDir, port: 0, host: '127.0.0.1', staticDir: null, discovery: false };
    const s = await startServer({ ...base, tls: { certFile, keyFile }, logger: quiet });
    try {
      expect(s.tls?.fingerprint).toBe(made.fingerprint);
      const res = await get(`${s.url}/api/health`, { fingerprint: made.fingerprint });
      expect(JSON.parse(res.body).tls.fingerprint).toBe(made.fingerprint);
    } finally {
      await s.stop();
    }
    const missing = join(scratch, 'nope', 'cert.pem');
    await expect(
      startServer({ ...base, tls: { certFile: missing, keyFile }, logger: quiet }),
    ).rejects.toThrow(`cannot read the TLS certificate file ${missing}`);
    const garbage = join(scratch, 'garbage.pem');
    await writeFile(garbage, 'not a certificate');
    await expect(
      startServer({ ...base, tls: { certFile: garbage, keyFile }, logger: quiet }),
    ).rejects.toThrow(`${garbage} is not a PEM certificate`);
    const otherKey = await dataDirCertificate(join(scratch, 'other'), quiet);
    expect(otherKey.fingerprint).not.toBe(made.fingerprint);
    await expect(
      startServer({
        ...base,
        tls: { certFile, keyFile: join(scratch, 'other', 'tls', 'key.pem') },
        logger: quiet,
      }),
    ).rejects.toThrow(/is not the private key of/);
    // The data directory was released after each refusal: a normal start works.
    const again = await startServer({ ...base, tls: 'off', logger: quiet });
    await again.stop();
  });
});

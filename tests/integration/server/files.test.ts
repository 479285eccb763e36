import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAME_HEADER, type FileInfo } from '../../../shared/protocol/index.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

const MB = 1024 * 1024;
let t: TestServer;
let alice: TestClient;
let bob: TestClient;
let eve: TestClient;
let work: string;

beforeAll(async () => {
  t = await startTestServer({ maxUploadBytes: 150 * MB });
  alice = await TestClient.join(t.server.url, 'Alice');
  bob = await TestClient.join(t.server.url, 'Bob');
  eve = await TestClient.join(t.server.url, 'Eve');
  work = await mkdtemp(join(tmpdir(), 'parley-files-'));
});
afterAll(async () => {
  await Promise.all([alice, bob, eve].map((c) => c.close()));
  await t.close();
  await rm(work, { recursive: true, force: true });
});

interface UploadResult {
  status: number;
  body: { file?: FileInfo; error?: string; message?: string };
}

/** Streams a file (or buffer) to the upload route with node:http, as a client would. */
function upload(
  roomId: string,
  source: string | Buffer,
  opts: { token?: string; name?: string | null; type?: string; length?: number } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'Content-Type': opts.type ?? 'application/octet-stream',
    };
    if (opts.token !== '') headers.Authorization = `Bearer ${opts.token ?? alice.token}`;
    if (opts.name !== null) headers[FILE_NAME_HEADER] = encodeURIComponent(opts.name ?? 'data.bin');
    if (opts.length !== undefined) headers['Content-Length'] = opts.length;
    const req = request(
      `${t.server.url}/api/rooms/${roomId}/files`,
      { method: 'POST', headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as UploadResult['body'] }),
        );
      },
    );
    req.on('error', reject);
    if (typeof source === 'string') createReadStream(source).pipe(req);
    else req.end(source);
  });
}

async function sha(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

describe('file sharing', () => {
  it('streams a 100 MB upload to disk and downloads it byte-identical, whole and by ranges', async () => {
    const src = join(work, 'big.bin');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(src);
      for (let i = 0; i < 100; i++) out.write(randomBytes(MB));
      out.end(resolve);
      out.on('error', reject);
    });
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    const res = await upload('r_general', src, { name: 'big.bin' });
    clearInterval(sampler);
    expect(res.status).toBe(201);
    const file = res.body.file!;
    expect(file).toMatchObject({
      name: 'big.bin',
      size: 100 * MB,
      type: 'application/octet-stream',
    });
    expect(file.id).toMatch(/^f_/);
    // Streamed, not buffered: holding the upload whole would add at least 100 MB.
    expect(rssPeak - rssBefore).toBeLessThan(100 * MB);

    // Announce it in the room as a file message.
    const sent = await alice.request({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'file1',
      text: '',
      fileId: file.id,
    });
    expect(sent.type).toBe('message:ack');
    const msg = await bob.waitFor(
      (f) => f.type === 'message:new' && f.message.file?.id === file.id,
    );
    expect(msg.type === 'message:new' && msg.message.file).toEqual(file);
    // A file belongs to one message: a second announcement is refused (a resend is not).
    const twice = await alice.request({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'file2',
      text: 'again',
      fileId: file.id,
    });
    expect(twice).toMatchObject({ type: 'error', code: 'invalid', message: /already shared/ });
    const resend = await alice.request({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'file1',
      text: '',
      fileId: file.id,
    });
    expect(
      resend.type === 'message:ack' && sent.type === 'message:ack' && resend.seq === sent.seq,
    ).toBe(true);

    // Whole download, streamed to disk, hashed.
    const whole = await fetch(`${t.server.url}/api/files/${file.id}`, {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(100 * MB));
    expect(whole.headers.get('content-disposition')).toMatch(/^attachment; filename="big.bin"/);
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const dst = join(work, 'down.bin');
    const out = createWriteStream(dst);
    const reader = whole.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) out.write(r.value);
    await new Promise((r) => out.end(r));
    expect(await sha(dst)).toBe(await sha(src));

    // A resumed download: first part, then the rest with Range, joined = the original.
    const h = createHash('sha256');
    const half = 50 * MB + 123;
    const first = await fetch(`${t.server.url}/api/files/${file.id}?access=${bob.access}`, {
      headers: { Range: `bytes=0-${half - 1}` },
    });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-${half - 1}/${100 * MB}`);
    h.update(Buffer.from(await first.arrayBuffer()));
    const rest = await fetch(`${t.server.url}/api/files/${file.id}?access=${bob.access}`, {
      headers: { Range: `bytes=${half}-` },
    });
    expect(rest.status).toBe(206);
    h.update(Buffer.from(await rest.arrayBuffer()));
    expect(h.digest('hex')).toBe(await sha(src));

    const past = await fetch(`${t.server.url}/api/files/${file.id}?access=${bob.access}`, {
      headers: { Range: `bytes=${200 * MB}-` },
    });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${100 * MB}`);
    const cached = await fetch(`${t.server.url}/api/files/${file.id}?access=${bob.access}`, {
      headers: { 'If-None-Match': `"${file.id}"` },
    });
    expect(cached.status).toBe(304);

    // Deleting the message deletes the file with it.
    if (sent.type !== 'message:ack') throw new Error('not acked');
    expect(
      await alice.request({ type: 'message:delete', roomId: 'r_general', seq: sent.seq }),
    ).toMatchObject({ type: 'ok' });
    expect((await fetch(`${t.server.url}/api/files/${file.id}?access=${bob.access}`)).status).toBe(
      404,
    );
    expect((await readdir(join(t.dataDir, 'files'))).includes(file.id)).toBe(false);
  }, 120_000);

  it('keeps DM files private: 401 without a token, 403 for a non-member, 404 for unknown ids', async () => {
    const dm = await alice.request({ type: 'dm:open', userId: bob.userId });
    if (dm.type !== 'room:joined') throw new Error('no dm');
    const res = await upload(dm.room.id, Buffer.from('for bob only'), {
      name: 'note.txt',
      type: 'text/plain',
    });
    expect(res.status).toBe(201);
    const url = `${t.server.url}/api/files/${res.body.file!.id}`;
    expect((await fetch(url, { headers: { Authorization: `Bearer ${bob.token}` } })).status).toBe(
      200,
    );
    const denied = await fetch(url, { headers: { Authorization: `Bearer ${eve.token}` } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'forbidden' });
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=forged`)).status).toBe(401);
    // The session token is never taken from a URL; a forged or foreign credential fails too.
    expect((await fetch(`${url}?token=${bob.token}`)).status).toBe(401);
    expect((await fetch(`${url}?access=${bob.access.slice(0, -2)}xx`)).status).toBe(401);
    expect((await fetch(`${url}?access=${eve.access}`)).status).toBe(403);
    expect((await fetch(`${url}?access=${bob.access}`)).status).toBe(200);
    expect(
      (await fetch(`${t.server.url}/api/files/f_doesnotexist00?access=${bob.access}`)).status,
    ).toBe(404);
    expect(
      (await fetch(`${t.server.url}/api/files/..%2F..%2Fusers.json?access=${bob.access}`)).status,
    ).toBe(404);
    expect((await fetch(`${t.server.url}/api/files/__proto__?access=${bob.access}`)).status).toBe(
      404,
    );
    expect(
      (await fetch(`${t.server.url}/api/rooms/%E0/files`, { method: 'POST', body: 'x' })).status,
    ).toBe(404);
    // Eve cannot upload into the DM either, nor announce someone else's file.
    expect((await upload(dm.room.id, Buffer.from('x'), { token: eve.token })).status).toBe(404);
    const stolen = await eve.request({
      type: 'message:send',
      roomId: 'r_general',
      clientId: 'steal',
      text: 'look',
      fileId: res.body.file!.id,
    });
    expect(stolen).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('stores files under server ids: a hostile name is metadata only', async () => {
    const res = await upload('r_general', Buffer.from('<script>alert(1)</script>'), {
      name: '../../../etc/passwd\u0000.html',
      type: 'text/html',
    });
    expect(res.status).toBe(201);
    // The name is kept whole for display (without the NUL); it never becomes a path.
    expect(res.body.file!.name).toBe('../../../etc/passwd.html');
    const stored = await readdir(join(t.dataDir, 'files'));
    expect(stored).toContain(res.body.file!.id);
    expect(stored.every((n) => /^f_[A-Za-z0-9_-]+$/.test(n))).toBe(true);
    const dl = await fetch(`${t.server.url}/api/files/${res.body.file!.id}?access=${alice.access}`);
    // HTML is never served as HTML: it downloads, in a sandbox, unsniffed.
    expect(dl.headers.get('content-type')).toBe('application/octet-stream');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(dl.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('serves images inline and everything else as an attachment, with the exact UTF-8 name', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1f8f90000000049454e44ae426082',
      'hex',
    );
    const img = await upload('r_general', png, { name: 'café 😀.png', type: 'image/png' });
    const dl = await fetch(`${t.server.url}/api/files/${img.body.file!.id}?access=${bob.access}`);
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(dl.headers.get('content-disposition')).toBe(
      `inline; filename="caf_ _.png"; filename*=UTF-8''${encodeURIComponent('café 😀.png')}`,
    );
    expect(Buffer.from(await dl.arrayBuffer()).equals(png)).toBe(true);
    const svg = await upload('r_general', Buffer.from('<svg onload="alert(1)"/>'), {
      name: 'x.svg',
      type: 'image/svg+xml',
    });
    const svgDl = await fetch(
      `${t.server.url}/api/files/${svg.body.file!.id}?access=${bob.access}`,
    );
    expect(svgDl.headers.get('content-disposition')).toMatch(/^attachment/);
  });

  it('drops an upload that stalls, leaving no partial file', async () => {
    const s = await startTestServer({ uploadIdleMs: 300 });
    try {
      const c = await TestClient.join(s.server.url, 'Staller');
      const outcome = await new Promise<string>((resolve) => {
        const req = request(`${s.server.url}/api/rooms/r_general/files`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${c.token}`,
            [FILE_NAME_HEADER]: 'slow.bin',
            'Content-Length': 1_000_000,
          },
        });
        req.on('response', (res) => resolve(`status ${res.statusCode}`));
        req.on('error', (err) => resolve(`closed: ${err.message}`));
        req.write(Buffer.alloc(1000)); // then nothing more
      });
      expect(outcome).toMatch(/closed|status 5/);
      // The partial file is gone once the server has given up on it.
      await expect
        .poll(async () => (await readdir(join(s.dataDir, 'files'))).length, { timeout: 3000 })
        .toBe(0);
      expect((await c.say('r_general', 'server fine')).seq).toBe(1);
      await c.close();
    } finally {
      await s.close();
    }
  });

  it('refuses uploads over the limit (declared or streamed), without a name, or without a token', async () => {
    const small = await startTestServer({ maxUploadBytes: 1000 });
    try {
      const c = await TestClient.join(small.server.url, 'Up');
      const post = (body: Buffer, headers: Record<string, string>) =>
        fetch(`${small.server.url}/api/rooms/r_general/files`, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: { Authorization: `Bearer ${c.token}`, [FILE_NAME_HEADER]: 'a.bin', ...headers },
        });
      const declared = await post(Buffer.alloc(2000), {});
      expect(declared.status).toBe(413);
      expect(await declared.json()).toMatchObject({
        error: 'too_large',
        message: /at most 1000 bytes/,
      });
      // Chunked (no Content-Length): cut off while streaming, partial file removed.
      const chunked = await fetch(`${small.server.url}/api/rooms/r_general/files`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}`, [FILE_NAME_HEADER]: 'a.bin' },
        body: new ReadableStream({
          start(ctl) {
            for (let i = 0; i < 5; i++) ctl.enqueue(new Uint8Array(500));
            ctl.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(
        (await readdir(join(small.dataDir, 'files'))).filter((n) => n.endsWith('.part')),
      ).toEqual([]);
      expect((await post(Buffer.alloc(10), { [FILE_NAME_HEADER]: '' })).status).toBe(400);
      expect((await post(Buffer.alloc(10), { [FILE_NAME_HEADER]: '%E0%A4%A' })).status).toBe(400);
      expect(
        (
          await fetch(`${small.server.url}/api/rooms/r_general/files`, {
            method: 'POST',
            body: 'x',
            headers: { [FILE_NAME_HEADER]: 'a' },
          })
        ).status,
      ).toBe(401);
      expect((await post(Buffer.alloc(1000), {})).status).toBe(201);
      await c.close();
    } finally {
      await small.close();
    }
  });
});

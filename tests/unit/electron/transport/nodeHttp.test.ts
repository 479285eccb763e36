import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type FileInfo } from '../../../../shared/protocol/index.js';
import { GENERAL_ROOM_ID } from '../../../../electron/server/chat/rooms.js';
import { HttpFailureError } from '../../../../electron/transport/httpFailure.js';
import { createNodeHttp } from '../../../../electron/transport/nodeHttp.js';
import { startTestServer, type TestServer } from '../../../helpers/testServer.js';
import { TestClient } from '../../../helpers/testClient.js';

const MB = 1024 * 1024;
let t: TestServer;
let small: TestServer;
let alice: TestClient;
let work: string;
let downloads: string;
const saved = new Map<string, string>();
let http: ReturnType<typeof createNodeHttp>;
const uploadUrl = (base: string) => `${base}/api/rooms/${GENERAL_ROOM_ID}/files`;
const never = () => new AbortController().signal;

beforeAll(async () => {
  t = await startTestServer();
  small = await startTestServer({ maxUploadBytes: 64 * 1024 });
  alice = await TestClient.join(t.server.url, 'Alice');
  work = await mkdtemp(join(tmpdir(), 'parley-http-'));
  downloads = join(work, 'Downloads');
  http = createNodeHttp({ downloadsDir: downloads, onSaved: (f, p) => saved.set(f.id, p) });
});
afterAll(async () => {
  await alice.close();
  await Promise.all([t.close(), small.close()]);
  await rm(work, { recursive: true, force: true });
});

async function fileOf(name: string, bytes: Buffer): Promise<string> {
  const path = join(work, name);
  await writeFile(path, bytes);
  return path;
}

async function upload(name: string, bytes: Buffer): Promise<FileInfo> {
  const path = await fileOf(`src-${randomBytes(4).toString('hex')}`, bytes);
  const res = await http.upload({
    url: uploadUrl(t.server.url),
    token: alice.token,
    file: { name, size: bytes.length, type: 'application/octet-stream', path } as never,
    onProgress: () => undefined,
    signal: never(),
  });
  return res.file;
}

async function download(
  file: FileInfo,
  signal = never(),
  onProgress: (n: number) => unknown = () => undefined,
) {
  await http.download({
    url: `${t.server.url}/api/files/${file.id}`,
    token: alice.token,
    file,
    onProgress,
    signal,
  });
  return saved.get(file.id)!;
}

describe('nodeHttp against the real server', () => {
  it('checks health', async () => {
    await expect(http.health(t.server.url)).resolves.toMatchObject({
      ok: true,
      protocol: PROTOCOL_VERSION,
    });
    await expect(http.health(`${t.server.url}/`)).resolves.toMatchObject({ ok: true });
  });

  it('uploads a file from disk with progress and downloads it byte-identical', async () => {
    const bytes = randomBytes(5 * MB + 123);
    const path = await fileOf('photo.jpg', bytes);
    const progress: number[] = [];
    const res = await http.upload({
      url: uploadUrl(t.server.url),
      token: alice.token,
      file: { name: 'Ünïcode photo.jpg', size: bytes.length, type: 'image/jpeg', path } as never,
      onProgress: (n) => progress.push(n),
      signal: never(),
    });
    expect(res.file).toMatchObject({
      name: 'Ünïcode photo.jpg',
      size: bytes.length,
      type: 'image/jpeg',
    });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((n, i) => i === 0 || n > progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    const down: number[] = [];
    const savedAt = await download(res.file, never(), (n) => down.push(n));
    expect(savedAt).toBe(join(downloads, 'Ünïcode photo.jpg'));
    expect(Buffer.compare(await readFile(savedAt), bytes)).toBe(0);
    expect(down.at(-1)).toBe(bytes.length);
    // The same file again gets a numbered name, never overwriting the first.
    expect(await download(res.file)).toBe(join(downloads, 'Ünïcode photo (1).jpg'));
    expect(await download(res.file)).toBe(join(downloads, 'Ünïcode photo (2).jpg'));
  });

  it('uploads pasted bytes', async () => {
    const bytes = new Uint8Array(randomBytes(300_000));
    const res = await http.upload({
      url: uploadUrl(t.server.url),
      token: alice.token,
      file: { name: 'paste.png', size: bytes.length, type: 'image/png', bytes } as never,
      onProgress: () => undefined,
      signal: never(),
    });
    const at = await download(res.file);
    expect(Buffer.compare(await readFile(at), Buffer.from(bytes))).toBe(0);
  });

  it('cancels an upload midway with an AbortError', async () => {
    const bytes = randomBytes(40 * MB);
    const path = await fileOf('big.bin', bytes);
    const ac = new AbortController();
    const err = await http
      .upload({
        url: uploadUrl(t.server.url),
        token: alice.token,
        file: { name: 'big.bin', size: bytes.length, type: '', path } as never,
        onProgress: (n) => n > 2 * MB && ac.abort(),
        signal: ac.signal,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError', code: 'aborted' });
    // The server drops the partial file once the request is gone.
    for (
      let i = 0;
      i < 50 && (await readdir(t.server.store.filesDir)).some((f) => f.endsWith('.part'));
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await readdir(t.server.store.filesDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('reports the server refusal of a too-large file as 413 too_large', async () => {
    const bob = await TestClient.join(small.server.url, 'Bob');
    for (const size of [100 * 1024, 8 * MB]) {
      const path = await fileOf(`too-big-${size}`, randomBytes(size));
      const err = await http
        .upload({
          url: uploadUrl(small.server.url),
          token: bob.token,
          file: { name: 'big.iso', size, type: '', path } as never,
          onProgress: () => undefined,
          signal: never(),
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpFailureError);
      expect(err).toMatchObject({ status: 413, code: 'too_large' });
    }
    await bob.close();
  });

  it('reports a bad token with the server code and message', async () => {
    const path = await fileOf('x.txt', Buffer.from('x'));
    const err = await http
      .upload({
        url: uploadUrl(t.server.url),
        token: 'wrong',
        file: { name: 'x.txt', size: 1, type: 'text/plain', path } as never,
        onProgress: () => undefined,
        signal: never(),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((err as Error).message).toMatch(/session token/);
  });

  it('refuses a source that is neither a path nor bytes, and a file that changed size', async () => {
    const base = {
      url: uploadUrl(t.server.url),
      token: alice.token,
      onProgress: () => undefined,
      signal: never(),
    };
    await expect(
      http.upload({ ...base, file: { name: 'a', size: 1, type: '' } }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    const path = await fileOf('grew.txt', Buffer.from('0123456789'));
    await expect(
      http.upload({ ...base, file: { name: 'grew.txt', size: 4, type: '', path } as never }),
    ).rejects.toThrow(/changed while it was being sent/);
  });

  it('saves hostile names as plain names inside the downloads folder', async () => {
    const real = await upload('plain.txt', Buffer.from('payload'));
    const hostile = [
      ['../../../etc/passwd', 'passwd'],
      ['..\\..\\Windows\\system.ini', 'system.ini'],
      ['..', 'download'],
      ['.bashrc', 'bashrc'],
      ['evil\u202Egpj.exe', 'evilgpj.exe'],
      ['CON.txt', '_CON.txt'],
      ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
      ['line\nbreak\r.txt', 'linebreak.txt'],
    ];
    for (const [name, expected] of hostile) {
      const at = await download({ ...real, name: name! });
      expect(at).toBe(join(downloads, expected!));
      expect(await readFile(at, 'utf8')).toBe('payload');
    }
    expect((await readdir(work)).sort()).not.toContain('passwd');
  });

  it('cancels a download midway and leaves no file behind', async () => {
    const big = await upload('movie.mkv', randomBytes(30 * MB));
    const ac = new AbortController();
    const before = await readdir(downloads);
    const err = await download(big, ac.signal, (n) => n > MB && ac.abort()).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(await readdir(downloads)).toEqual(before);
  });

  it('reports a missing file as not_found and writes nothing', async () => {
    const before = await readdir(downloads);
    const err = await download({
      id: 'f_doesnotexist12345678',
      name: 'x',
      size: 1,
      type: '',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: 'not_found' });
    expect(await readdir(downloads)).toEqual(before);
  });
});

describe('nodeHttp against a misbehaving server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/api/health') return void res.end('{"hello":"world"}');
      // Promise 100 bytes, send 10, hang up.
      res.writeHead(200, { 'Content-Length': 100 });
      res.write(Buffer.alloc(10));
      setTimeout(() => res.destroy(), 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('says when something is not a Parley server, or not there', async () => {
    await expect(http.health(base)).rejects.toThrow(/is not a Parley server/);
    await expect(http.health('http://127.0.0.1:1')).rejects.toMatchObject({
      code: 'unreachable',
      status: 0,
    });
    await expect(http.health('ftp://127.0.0.1')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('deletes a download that ends early', async () => {
    const before = await readdir(downloads);
    const err = await http
      .download({
        url: `${base}/api/files/f_x`,
        token: 't',
        file: { id: 'f_short', name: 'short.bin', size: 100, type: '' },
        onProgress: () => undefined,
        signal: never(),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailureError);
    expect(await readdir(downloads)).toEqual(before);
  });
});

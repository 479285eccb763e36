/**
 * Downloads from a server that lies: more bytes than the file announced (it could fill the
 * disk) are cut off at the announced size, and nothing is left behind; an honest download is
 * marked as coming from elsewhere before it takes its final name.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../../shared/protocol/index.js';
import { createNodeHttp } from '../../../../electron/transport/nodeHttp.js';
import type { DownloadOrigin } from '../../../../electron/downloads/originMark.js';

let server: Server;
let base: string;
let dir: string;
/** Bytes the hostile route has written, to prove the client stopped reading. */
let sent = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-hostile-'));
  server = createServer((req, res) => {
    if (req.url === '/endless') {
      // No Content-Length, and far more than the 1 MiB the message announced.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = (): void => {
        while (sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
      return;
    }
    if (req.url === '/liar') {
      // Announces more in Content-Length than the file's size in the message.
      res.writeHead(200, { 'Content-Length': 4096 });
      res.end(Buffer.alloc(4096, 1));
      return;
    }
    res.writeHead(200, { 'Content-Length': 5 });
    res.end('hello');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const info = (name: string, size: number): FileInfo =>
  ({ id: 'f_1', name, size, type: 'application/octet-stream' }) as FileInfo;

describe('downloads from a hostile server', () => {
  it('stops at the announced size and leaves no file', async () => {
    const downloads = join(dir, 'a');
    const http = createNodeHttp({ downloadsDir: downloads });
    let last = 0;
    await expect(
      http.download({
        url: `${base}/endless`,
        token: 't',
        file: info('movie.mkv', 1024 * 1024),
        onProgress: (n) => (last = n),
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/more than/) });
    expect(last).toBeLessThanOrEqual(1024 * 1024);
    expect(sent).toBeLessThan(200 * 1024 * 1024);
    expect(await readdir(downloads)).toEqual([]);
  });

  it('does not trust a Content-Length above the announced size', async () => {
    const downloads = join(dir, 'b');
    const http = createNodeHttp({ downloadsDir: downloads });
    await expect(
      http.download({
        url: `${base}/liar`,
        token: 't',
        file: info('small.txt', 100),
        onProgress: () => undefined,
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'too_large' });
    expect(await readdir(downloads)).toEqual([]);
  });

  it('marks an honest download before it gets its name', async () => {
    const downloads = join(dir, 'c');
    const marks: Array<[string, DownloadOrigin, string[]]> = [];
    const saved: string[] = [];
    const http = createNodeHttp({
      downloadsDir: downloads,
      markOrigin: async (path, origin) => {
        marks.push([path, origin, await readdir(downloads)]);
        return true;
      },
      onSaved: (_f, p) => saved.push(p),
    });
    await http.download({
      url: `${base}/ok`,
      token: 't',
      file: info('hello.txt', 5),
      onProgress: () => undefined,
      signal: new AbortController().signal,
    });
    expect(saved).toEqual([join(downloads, 'hello.txt')]);
    expect(marks).toHaveLength(1);
    const [path, origin, present] = marks[0]!;
    expect(path).toMatch(/hello\.txt\.[0-9a-f]+\.part$/);
    expect(present).not.toContain('hello.txt');
    expect(origin).toEqual({ url: `${base}/ok`, referrer: base });
  });
});

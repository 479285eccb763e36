/**
 * A host serving desktop updates (`--updates DIR`), read by electron-updater's own generic
 * provider over real HTTP, and the downloaded file checked with the same sha512 digest stream
 * electron-updater uses: a matching file passes, a file changed on the host fails.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NodeHttpExecutor } from 'builder-util';
import { DigestTransform } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

let dir: string;
let t: TestServer;
let none: TestServer;
const app = Buffer.from('#!/bin/sh\necho "Parley 0.2.0"\n'.repeat(1000));
const sha512 = createHash('sha512').update(app).digest('base64');
const FILE = 'Parley-0.2.0-x86_64.AppImage';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-updates-'));
  await writeFile(join(dir, FILE), app);
  // What electron-builder writes next to the artifact.
  await writeFile(
    join(dir, 'latest-linux.yml'),
    [
      'version: 0.2.0',
      'files:',
      `  - url: ${FILE}`,
      `    sha512: ${sha512}`,
      `    size: ${app.length}`,
      `path: ${FILE}`,
      `sha512: ${sha512}`,
      "releaseDate: '2026-11-30T00:00:00.000Z'",
      '',
    ].join('\n'),
  );
  t = await startTestServer({ updatesDir: dir });
  none = await startTestServer();
});
afterAll(async () => {
  await t.close();
  await none.close();
  await rm(dir, { recursive: true, force: true });
});

function provider(base: string) {
  const updater = { channel: null, isAddNoCacheQuery: false } as never;
  return new GenericProvider({ provider: 'generic', url: `${base}/api/updates/` }, updater, {
    platform: 'linux',
    // Node stands in for Electron's net module; the provider only calls request().
    executor: new NodeHttpExecutor() as never,
    isUseMultipleRangeRequest: false,
  });
}

async function fetchChecked(url: string, expected: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const body = Readable.fromWeb(res.body! as never);
  const digest = new DigestTransform(expected, 'sha512', 'base64');
  await pipeline(body, digest, new Writable({ write: (_c, _e, done) => done() }));
}

describe('update feed served by the host', () => {
  it('electron-updater reads the feed and resolves the file on the host', async () => {
    const p = provider(t.server.url);
    const info = await p.getLatestVersion();
    expect(info).toMatchObject({ version: '0.2.0', path: FILE, sha512 });
    const files = p.resolveFiles(info);
    expect(files).toHaveLength(1);
    expect(files[0]!.url.href).toBe(`${t.server.url}/api/updates/${FILE}`);
    await fetchChecked(files[0]!.url.href, sha512);
  });

  it('a file that does not match its sha512 is refused', async () => {
    await writeFile(join(dir, FILE), Buffer.concat([app, Buffer.from('\nrm -rf ~\n')]));
    await expect(fetchChecked(`${t.server.url}/api/updates/${FILE}`, sha512)).rejects.toThrow(
      /sha512 checksum mismatch/,
    );
    await writeFile(join(dir, FILE), app);
  });

  it('serves ranges and HEAD, and nothing outside the folder', async () => {
    const part = await fetch(`${t.server.url}/api/updates/${FILE}`, {
      headers: { Range: 'bytes=0-9' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(app.subarray(0, 10));
    const head = await fetch(`${t.server.url}/api/updates/latest-linux.yml`, { method: 'HEAD' });
    expect(head.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    for (const path of ['..%2Fparley.json', '%2E%2E', 'sub/file', '.hidden', 'missing.yml']) {
      const res = await fetch(`${t.server.url}/api/updates/${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('a host without --updates says so, and electron-updater reports no channel file', async () => {
    const res = await fetch(`${none.server.url}/api/updates/latest-linux.yml`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'not_found',
      message: 'This server holds no app updates.',
    });
    await expect(provider(none.server.url).getLatestVersion()).rejects.toMatchObject({
      code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    });
  });
});

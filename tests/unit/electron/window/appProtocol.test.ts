import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  contentTypeOf,
  createAppRequestHandler,
  resolveAppPath,
  serveApp,
} from '../../../../electron/window/appProtocol.js';
import { APP_CSP } from '../../../../electron/window/security.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-app-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Parley</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {};');
  await writeFile(join(root, 'assets', 'my file.css'), 'body{}');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(root, '..secret'), 'x');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps known files and sends everything else to index.html', () => {
    expect(resolveAppPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, '/assets/my%20file.css')).toBe(join(root, 'assets', 'my file.css'));
    expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/rooms/r_general')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/missing.js')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets')).toBe(join(root, 'index.html'));
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/secret',
    '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%2fetc/passwd',
    '/..%5cwindows%5cwin.ini',
    '/..\\..\\windows\\win.ini',
    '/%252e%252e/x',
    '/a%00.js',
    '/%E0%A4%A',
    '/.env',
    '/..secret',
    '/C:/Windows/win.ini',
    '/assets/./index-abc.js',
  ])('refuses %s', (path) => {
    const r = resolveAppPath(root, path);
    // Either refused outright, or (double-encoded) harmlessly inside root.
    if (r !== null) expect(r.startsWith(root)).toBe(true);
    if (!path.includes('%25')) expect(r).toBeNull();
  });

  it('never asks the file system about a refused path', () => {
    const asked: string[] = [];
    resolveAppPath(root, '/%2e%2e/x', (p) => (asked.push(p), true));
    expect(asked).toEqual([]);
  });
});

describe('app request handler', () => {
  const get = (url: string, method = 'GET') =>
    createAppRequestHandler(root)(new Request(url, { method }));

  it('serves files with their type, the CSP and nosniff', async () => {
    const res = await get('parley://app/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('export {};');
  });

  it('serves index.html for app routes, with the CSP', async () => {
    const res = await get('parley://app/some/route');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await res.text()).toMatch(/Parley/);
  });

  it('refuses traversal, other hosts and writes', async () => {
    // The URL parser already folds %2e%2e into "..": what is left stays inside the app.
    const folded = await get('parley://app/%2e%2e/%2e%2e/etc/passwd');
    expect(await folded.text()).toMatch(/<title>Parley/);
    expect((await get('parley://app/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('parley://app/..%5c..%5cwin.ini')).status).toBe(404);
    expect((await get('parley://app/.env')).status).toBe(404);
    expect((await get('parley://other/index.html')).status).toBe(404);
    expect((await get('parley://app/index.html', 'POST')).status).toBe(405);
    const refused = await get('parley://app/.env');
    expect(refused.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('registers on the parley scheme as standard and secure', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('parley');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    const handled: string[] = [];
    serveApp({ handle: (scheme) => void handled.push(scheme) }, root);
    expect(handled).toEqual(['parley']);
  });

  it('types files so nothing unknown runs as script', () => {
    expect(contentTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('noext')).toBe('application/octet-stream');
  });
});

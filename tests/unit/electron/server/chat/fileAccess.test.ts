import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAccessKeys } from '../../../../../electron/server/chat/fileAccess.js';
import { Store } from '../../../../../electron/server/store/store.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('FileAccessKeys', () => {
  it('issues stable half-hour credentials that expire, resist forgery and survive reopening', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-access-'));
    let store = await Store.open({ dir, durable: false });
    const keys = await FileAccessKeys.open(store);
    const t0 = 1_800_000 * 1000;
    const a = keys.issue('u_alice1', t0 + 10);
    expect(keys.issue('u_alice1', t0 + 1_799_000)).toEqual(a);
    expect(a.expiresAt).toBe(t0 + 3_600_000);
    expect(keys.verify(a.access, t0 + 3_599_999)).toBe('u_alice1');
    expect(keys.verify(a.access, t0 + 3_600_000)).toBeUndefined();
    // Another user's id with this signature, or a changed expiry, fails.
    const [, exp, sig] = a.access.split('.');
    expect(keys.verify(`u_mallory.${exp}.${sig}`, t0)).toBeUndefined();
    expect(keys.verify(`u_alice1.${Number(exp) + 3600}.${sig}`, t0)).toBeUndefined();
    expect(keys.verify('nonsense', t0)).toBeUndefined();
    await store.close();
    store = await Store.open({ dir, durable: false });
    expect((await FileAccessKeys.open(store)).verify(a.access, t0)).toBe('u_alice1');
    await store.close();
  });
});

import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError, type ClientFrameOf, type User } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';
import { syncDir } from '../store/atomicJsonFile.js';
import type { Store } from '../store/store.js';
import type { Directory } from './directory.js';
import { newId } from './ids.js';

/** Image types a profile picture may have, by their first bytes (never by what the client says). */
export function imageTypeOf(
  head: Uint8Array,
): 'image/png' | 'image/jpeg' | 'image/webp' | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 8 && ascii(1, 4) === 'PNG' && head[0] === 0x89) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Profiles: name, avatar colour/emoji, profile picture, status line and do-not-disturb. Pictures
 * are files in avatars/ named by server ids; a replaced or removed picture is deleted.
 */
export class Profiles {
  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly log: Logger,
  ) {}

  /** Where a picture's bytes are. */
  pathOf(id: string): string {
    return join(this.store.avatarsDir, id);
  }

  /** Whether a picture id is someone's current picture (only those are served). */
  isCurrent(id: string): boolean {
    return this.directory.hasPicture(id);
  }

  /** Applies a profile:update; everyone hears user:updated. */
  async update(
    userId: string,
    change: Omit<ClientFrameOf<'profile:update'>, 'type' | 'id'>,
  ): Promise<User> {
    const before = this.directory.get(userId)?.avatarImage;
    const user = await this.directory.updateProfile(userId, change);
    if (before && change.avatarImage === null) this.drop(before);
    return user;
  }

  /** Stores a new picture (already checked and bounded in size) and makes it the user's. */
  async setImage(userId: string, bytes: Buffer): Promise<User> {
    if (!imageTypeOf(bytes)) {
      throw new ParleyError(
        'unsupported_data',
        'A profile picture must be a PNG, JPEG or WebP image.',
      );
    }
    const id = newId('f', 18);
    const tmp = `${this.pathOf(id)}.part`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.pathOf(id));
    await syncDir(this.store.avatarsDir);
    const before = this.directory.get(userId)?.avatarImage;
    try {
      const user = await this.directory.updateProfile(userId, { avatarImage: id });
      if (before) this.drop(before);
      return user;
    } catch (err) {
      this.drop(id);
      throw err;
    }
  }

  /** A picture's bytes and type. */
  async read(id: string): Promise<{ bytes: Buffer; type: string }> {
    const bytes = await readFile(this.pathOf(id));
    return { bytes, type: imageTypeOf(bytes) ?? 'application/octet-stream' };
  }

  private drop(id: string): void {
    unlink(this.pathOf(id)).catch((err: unknown) =>
      this.log.warn('could not delete an old profile picture', err),
    );
  }
}

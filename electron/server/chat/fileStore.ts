import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredFile } from '../store/records.js';
import type { Store } from '../store/store.js';

/** Metadata and bytes of shared files: one place that knows where both live. */
export class FileStore {
  constructor(private readonly store: Store) {}

  /** Where a file's bytes are (named by its server id, never by the user). */
  pathOf(id: string): string {
    return join(this.store.filesDir, id);
  }

  /** Metadata of a file, or undefined (own keys only: ids come from the network). */
  get(id: string): StoredFile | undefined {
    const files = this.store.files.data.files;
    return Object.hasOwn(files, id) ? files[id] : undefined;
  }

  /** Records a stored upload once its bytes are on disk. */
  async add(file: StoredFile): Promise<void> {
    this.store.files.data.files[file.id] = file;
    await this.store.files.commit();
  }

  /** Marks a file as shared by the message with this sequence (synchronously, so a racing send sees it). */
  claim(id: string, seq: number): void {
    const file = this.get(id);
    if (file) file.seq = seq;
  }

  /** Undoes a claim whose message could not be stored. */
  release(id: string): void {
    const file = this.get(id);
    if (file) delete file.seq;
  }

  /** Stores claims once their message is stored (a lost claim only allows a second share). */
  commitClaim(): Promise<void> {
    return this.store.files.commit();
  }

  /** Forgets a file and deletes its bytes (after the message that shared it was deleted). */
  async remove(id: string): Promise<void> {
    if (!this.get(id)) return;
    delete this.store.files.data.files[id];
    await this.store.files.commit();
    await unlink(this.pathOf(id)).catch(() => undefined);
  }
}

/**
 * The files main may upload: only those the user picked, dropped or pasted in this session.
 * Main never reads a path just because the renderer names it; the preload reports files from
 * trusted user gestures (see userFiles.ts) and each window's grants end with the window.
 */
import { resolve } from 'node:path';

/** Most grants kept per window; the oldest go first (a session rarely needs more). */
export const MAX_GRANTS_PER_SENDER = 1000;

/** Paths granted per sender (webContents id). */
export class UploadGrantTable {
  private readonly grants = new Map<number, Set<string>>();

  /** Grants `paths` to one sender. */
  grant(senderId: number, paths: readonly string[]): void {
    let set = this.grants.get(senderId);
    if (!set) this.grants.set(senderId, (set = new Set()));
    for (const p of paths) {
      const key = resolve(p);
      // Re-granting moves a path to the young end, so the oldest grant is evicted first.
      set.delete(key);
      set.add(key);
      if (set.size > MAX_GRANTS_PER_SENDER) set.delete(set.values().next().value as string);
    }
  }

  /** Whether this sender was granted this exact path (after normalizing `..` and `.`). */
  isGranted(senderId: number, path: string): boolean {
    return this.grants.get(senderId)?.has(resolve(path)) ?? false;
  }

  /** Drops a sender's grants (its window closed or its page reloaded). */
  forget(senderId: number): void {
    this.grants.delete(senderId);
  }

  /** Drops everything (the IPC handlers are disposed). */
  clear(): void {
    this.grants.clear();
  }
}

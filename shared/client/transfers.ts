/** Uploads and downloads with progress and cancel, as the UI lists them. */
import type { Transfer } from '../api/chatApi.js';
import { ChatApiError } from '../api/calls.js';

interface Running {
  transfer: Transfer;
  abort: AbortController;
}

/** The transfer list; progress updates are reported through `changed`. */
export class Transfers {
  private readonly items = new Map<string, Running>();
  private next = 1;

  constructor(private readonly changed: () => void) {}

  /** Starts tracking a transfer and runs `work` with its progress callback and abort signal. */
  run<T>(
    base: Omit<Transfer, 'id' | 'loaded' | 'status'>,
    work: (onProgress: (loaded: number) => void, signal: AbortSignal) => Promise<T>,
  ): { id: string; done: Promise<T> } {
    const id = `t${this.next++}`;
    const running: Running = {
      transfer: { ...base, id, loaded: 0, status: 'active' },
      abort: new AbortController(),
    };
    this.items.set(id, running);
    this.changed();
    const set = (patch: Partial<Transfer>) => {
      running.transfer = { ...running.transfer, ...patch };
      this.changed();
    };
    const done = work((loaded) => {
      if (running.transfer.status === 'active') set({ loaded: Math.min(loaded, base.size) });
    }, running.abort.signal).then(
      (value) => {
        set({ status: 'done', loaded: base.size });
        return value;
      },
      (err: unknown) => {
        if (running.abort.signal.aborted) set({ status: 'canceled' });
        else set({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
        throw err;
      },
    );
    return { id, done };
  }

  /** Cancels a running transfer. */
  cancel(id: string): void {
    const r = this.items.get(id);
    if (!r) throw new ChatApiError('not_found', 'No such transfer.');
    if (r.transfer.status === 'active') r.abort.abort();
  }

  /** Removes a finished transfer from the list. */
  dismiss(id: string): void {
    const r = this.items.get(id);
    if (r && r.transfer.status !== 'active') {
      this.items.delete(id);
      this.changed();
    }
  }

  /** Cancels everything (shutting down). */
  cancelAll(): void {
    for (const r of this.items.values()) if (r.transfer.status === 'active') r.abort.abort();
  }

  /** Snapshot for AppState. */
  list(): Transfer[] {
    return [...this.items.values()].map((r) => r.transfer);
  }
}

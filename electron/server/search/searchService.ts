import { Worker } from 'node:worker_threads';
import type { Logger } from '../../../shared/log.js';
import type { Message } from '../../../shared/protocol/index.js';
import type { IndexPage, IndexQuery } from './messageIndex.js';
import type {
  WorkerMessage,
  WorkerReady,
  WorkerRequest,
  WorkerStart,
  WorkerStats,
} from './workerProtocol.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** The worker's own file: .js when built, .ts when the sources run directly (tests). */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./searchWorker${ext}`, import.meta.url);
}

/**
 * The server's side of search: hands every stored change to the worker that owns the index
 * and forwards queries to it. Nothing here blocks the event loop for longer than a postMessage.
 */
export class SearchService {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  /** Resolves once the index is loaded or rebuilt (queries sent before simply wait for it). */
  readonly ready: Promise<WorkerReady>;

  constructor(
    start: WorkerStart,
    private readonly log: Logger,
  ) {
    this.worker = new Worker(workerUrl(), { workerData: start });
    this.worker.unref();
    let readyResolve!: (r: WorkerReady) => void;
    let readyReject!: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    this.ready.catch(() => undefined); // a failed worker is logged below; search then refuses
    this.worker.on('message', (m: WorkerMessage) => {
      if ('event' in m) {
        if (m.event === 'ready') {
          const how =
            m.source === 'snapshot' ? 'loaded' : `rebuilt from the message log (${m.reason})`;
          log.info(`search index ${how}: ${m.docs} messages in ${Math.round(m.ms)} ms`);
          readyResolve(m);
        } else log.warn(m.text);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      readyReject(err);
      log.error('search worker failed', err);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /** Indexes a message as it is now: new, edited, or deleted (then it leaves the index). */
  put(message: Message, changed: boolean): void {
    if (this.failure) return;
    this.worker.postMessage({ op: 'put', message, changed } satisfies WorkerRequest);
  }

  /** Runs a query in the worker. */
  search(query: IndexQuery): Promise<IndexPage> {
    return this.ask<IndexPage>((id) => ({ op: 'search', id, query }));
  }

  /** Rebuilds the index from the message log (benchmarks; a damaged index rebuilds by itself). */
  rebuild(): Promise<{ ms: number; docs: number }> {
    return this.ask((id) => ({ op: 'rebuild', id }));
  }

  /** Documents indexed and the worker's heap. */
  stats(): Promise<WorkerStats> {
    return this.ask((id) => ({ op: 'stats', id }));
  }

  /** Writes the index to disk now. */
  save(): Promise<void> {
    return this.ask((id) => ({ op: 'save', id }));
  }

  /** Saves the index and stops the worker. */
  async close(): Promise<void> {
    await this.save().catch((err: unknown) =>
      this.log.warn('could not save the search index', err),
    );
    await this.worker.terminate();
  }

  private ask<T>(make: (id: number) => WorkerRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(make(id));
    });
  }
}

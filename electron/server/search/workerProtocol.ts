import type { Message } from '../../../shared/protocol/index.js';
import type { IndexPage, IndexQuery } from './messageIndex.js';

/** Where the worker keeps its files and reads the message log. */
export interface WorkerStart {
  /** Folder of the index's own files (data directory/search). */
  dir: string;
  /** The message log's folder, read when the index must be rebuilt or caught up. */
  messagesDir: string;
  segmentSize: number;
  /** Write a snapshot this long after the first unsaved change. */
  saveDelayMs: number;
}

/** A request from the server to its search worker. */
export type WorkerRequest =
  | { op: 'put'; message: Message; changed: boolean }
  | { op: 'search'; id: number; query: IndexQuery }
  | { op: 'save'; id: number }
  | { op: 'rebuild'; id: number }
  | { op: 'stats'; id: number };

/** What the worker found out about its index at start. */
export interface WorkerReady {
  event: 'ready';
  /** How the index came to be: loaded from its files, or rebuilt from the message log. */
  source: 'snapshot' | 'rebuilt';
  docs: number;
  ms: number;
  /** Why a snapshot could not be used (missing, damaged), when rebuilt. */
  reason?: string;
}

/** Statistics for benchmarks and logs. */
export interface WorkerStats {
  docs: number;
  heapUsedMB: number;
}

/** The answer to one request. */
export type WorkerReply =
  | { id: number; ok: true; value: IndexPage | WorkerStats | { ms: number; docs: number } | null }
  | { id: number; ok: false; error: string };

/** Everything the worker sends. */
export type WorkerMessage =
  WorkerReply | WorkerReady | { event: 'log'; level: 'warn'; text: string };

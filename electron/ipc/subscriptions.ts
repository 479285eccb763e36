/**
 * Live subscriptions of each window: sub id → unsubscribe, dropped together when the window's
 * webContents is destroyed, or when a new page loads in it (a reload keeps the webContents but
 * starts a new ChatApi with a new page id), so neither leaves listeners on the engine.
 */
import type { Unsubscribe } from '../../shared/api/index.js';

/** The part of a webContents the IPC layer uses (a structural type, so tests can fake it). */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed?(): boolean;
}

/** A renderer that opens more than this many subscriptions is misbehaving; refuse the rest. */
export const MAX_SUBSCRIPTIONS_PER_SENDER = 500;

/** Subscriptions of every sender. */
export class SubscriptionRegistry {
  private readonly bySender = new Map<number, Map<string, Unsubscribe>>();
  private readonly pages = new Map<number, string>();

  /**
   * Adds (or replaces) one subscription of the page `page` (one ChatApi instance) in `sender`;
   * returns false when the sender has too many. A sender's messages arrive in order, so the
   * first one from a new page means the previous page is gone: its subscriptions end.
   */
  add(sender: IpcSender, page: string, sub: string, start: () => Unsubscribe): boolean {
    if (!this.pages.has(sender.id)) sender.once('destroyed', () => this.dropSender(sender.id));
    if (this.pages.get(sender.id) !== page) {
      this.stopAll(sender.id);
      this.pages.set(sender.id, page);
    }
    let subs = this.bySender.get(sender.id);
    if (!subs) {
      subs = new Map();
      this.bySender.set(sender.id, subs);
    }
    subs.get(sub)?.();
    subs.delete(sub);
    if (subs.size >= MAX_SUBSCRIPTIONS_PER_SENDER) return false;
    // Placeholder first: onState calls its listener synchronously, before start() returns.
    subs.set(sub, () => undefined);
    const stop = start();
    if (subs.has(sub)) subs.set(sub, stop);
    else stop();
    return true;
  }

  /** Stops one subscription (unknown ids are ignored: the renderer may race a window close). */
  remove(senderId: number, sub: string): void {
    const subs = this.bySender.get(senderId);
    const stop = subs?.get(sub);
    if (!stop) return;
    subs!.delete(sub);
    stop();
  }

  /** Number of live subscriptions of a sender (for tests and diagnostics). */
  count(senderId: number): number {
    return this.bySender.get(senderId)?.size ?? 0;
  }

  /** Stops every subscription of one sender and forgets it. */
  dropSender(senderId: number): void {
    this.pages.delete(senderId);
    this.stopAll(senderId);
  }

  /** Stops everything (on dispose). */
  clear(): void {
    for (const id of [...this.bySender.keys()]) this.dropSender(id);
    this.pages.clear();
  }

  private stopAll(senderId: number): void {
    const subs = this.bySender.get(senderId);
    this.bySender.delete(senderId);
    for (const stop of subs?.values() ?? []) stop();
  }
}

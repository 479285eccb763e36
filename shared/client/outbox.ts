/**
 * Messages the user wrote that the server has not acknowledged yet. Each is saved on the device
 * before anything else, sent when online, resent after every reconnect (the client id makes a
 * resend harmless), and marked failed only when the server refuses it.
 */
import type { TimelineMessage } from '../api/chatApi.js';
import { ChatApiError } from '../api/calls.js';
import type { ClientFrameOf, FileInfo, ServerFrame } from '../protocol/index.js';
import type { StoredOutboxItem } from './deps.js';

/** What the outbox needs from its server. */
export interface OutboxHost {
  items(): StoredOutboxItem[];
  online(): boolean;
  request(frame: Omit<ClientFrameOf<'message:send'>, 'id'>): Promise<ServerFrame>;
  persist(): Promise<void>;
  changed(roomId: string): void;
  acked(item: StoredOutboxItem, seq: number, ts: number): void;
  now(): number;
  random(): number;
}

/** Delay before sending again after the server said to slow down. */
const RATE_LIMIT_RETRY_MS = 1000;

/** The unacknowledged messages of one server. */
export class Outbox {
  private readonly inFlight = new Set<string>();
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly host: OutboxHost) {}

  /** Saves a new message, then sends it; resolves with its client id once saved. */
  async add(roomId: string, text: string, fileId?: string, file?: FileInfo): Promise<string> {
    const item: StoredOutboxItem = {
      clientId: this.newClientId(),
      roomId,
      text,
      ts: this.host.now(),
      ...(fileId ? { fileId } : {}),
      ...(file ? { file } : {}),
    };
    this.host.items().push(item);
    try {
      await this.host.persist();
    } catch (err) {
      // Not saved means not accepted: the caller keeps the text, and nothing is sent twice.
      this.remove(item);
      throw err;
    }
    this.host.changed(roomId);
    this.send(item);
    return item.clientId;
  }

  /** Sends a failed message again. */
  retry(roomId: string, clientId: string): void {
    const item = this.find(roomId, clientId);
    if (!item) throw new ChatApiError('not_found', 'That message is no longer waiting to be sent.');
    delete item.failed;
    void this.host.persist().catch(() => undefined);
    this.host.changed(roomId);
    this.send(item);
  }

  /** Drops an unsent message. */
  discard(roomId: string, clientId: string): void {
    const item = this.find(roomId, clientId);
    if (!item) return;
    this.remove(item);
    this.host.changed(roomId);
  }

  /** Sends everything waiting (after a welcome). */
  flush(): void {
    for (const item of this.host.items()) if (!item.failed) this.send(item);
  }

  /** The connection dropped: whatever was in flight is resent after the next welcome. */
  disconnected(): void {
    this.inFlight.clear();
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
  }

  /** A room's waiting messages as the timeline shows them. */
  pending(roomId: string, authorId: string): TimelineMessage[] {
    return this.host
      .items()
      .filter((i) => i.roomId === roomId)
      .map((item) => ({
        roomId: item.roomId,
        seq: 0,
        ts: item.ts,
        authorId,
        clientId: item.clientId,
        text: item.text,
        ...(item.file ? { file: item.file } : {}),
        reactions: {},
        status: item.failed ? ('failed' as const) : ('sending' as const),
        ...(item.failed ? { error: item.failed } : {}),
      }));
  }

  private find(roomId: string, clientId: string): StoredOutboxItem | undefined {
    return this.host.items().find((i) => i.clientId === clientId && i.roomId === roomId);
  }

  private remove(item: StoredOutboxItem): void {
    const items = this.host.items();
    const i = items.indexOf(item);
    if (i !== -1) items.splice(i, 1);
    void this.host.persist().catch(() => undefined);
  }

  private send(item: StoredOutboxItem): void {
    // Discarded or acknowledged meanwhile (a delayed retry): nothing to send.
    if (!this.host.items().includes(item)) return;
    if (!this.host.online() || this.inFlight.has(item.clientId)) return;
    this.inFlight.add(item.clientId);
    this.host
      .request({
        type: 'message:send',
        roomId: item.roomId,
        clientId: item.clientId,
        text: item.text,
        ...(item.fileId ? { fileId: item.fileId } : {}),
      })
      .then((ack) => {
        this.inFlight.delete(item.clientId);
        if (ack.type !== 'message:ack') return;
        this.remove(item);
        this.host.acked(item, ack.seq, ack.ts);
      })
      .catch((err: unknown) => {
        this.inFlight.delete(item.clientId);
        const code = err instanceof ChatApiError ? err.code : 'internal';
        if (code === 'offline') return; // resent after the next welcome
        if (code === 'rate_limited') {
          const timer = setTimeout(() => {
            this.retries.delete(timer);
            this.send(item);
          }, RATE_LIMIT_RETRY_MS);
          this.retries.add(timer);
          return;
        }
        item.failed = err instanceof Error ? err.message : 'The server refused this message.';
        void this.host.persist().catch(() => undefined);
        this.host.changed(item.roomId);
      });
  }

  private newClientId(): string {
    let s = '';
    for (let i = 0; i < 16; i++)
      s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(this.host.random() * 36)];
    return `m_${this.host.now().toString(36)}_${s}`;
  }
}

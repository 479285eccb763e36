/** The loaded history of every open room on one server: first page, scroll-back, gaps, resume. */
import type { Timeline, TimelineMessage } from '../api/chatApi.js';
import { ChatApiError } from '../api/calls.js';
import type { Message, ServerFrame } from '../protocol/index.js';
import { emptyTimeline, lastSeqOf, mergeMessages, type LoadedTimeline } from './timeline.js';

const PAGE = 50;
/** Bounds one gap fill (100 messages a page): a gap larger than this restarts from the newest page. */
const MAX_GAP_PAGES = 1000;

/** What the timelines need from their server. */
export interface TimelineHost {
  request(frame: {
    type: 'history';
    roomId: string;
    before?: number;
    after?: number;
    around?: number;
    limit: number;
  }): Promise<ServerFrame>;
  online(): boolean;
  joined(roomId: string): boolean;
  /** Newest sequence the server has announced for the room. */
  lastSeq(roomId: string): number;
  changed(roomId: string): void;
  /** Messages arrived from history: their authors and reactors are shown by name. */
  seen(messages: Message[]): void;
}

/** Loaded timelines by room id. */
export class RoomTimelines {
  private readonly rooms = new Map<string, LoadedTimeline>();
  private readonly filling = new Set<string>();
  private readonly sentCache = new WeakMap<Message, TimelineMessage>();

  constructor(private readonly host: TimelineHost) {}

  /** Starts showing a room: loads its newest page the first time. */
  open(roomId: string, readSeq: number): void {
    let t = this.rooms.get(roomId);
    if (!t) this.rooms.set(roomId, (t = emptyTimeline(readSeq)));
    else t.openedReadSeq = readSeq;
    if (!t.loaded) void this.loadNewest(roomId);
  }

  /** Resume positions for hello: the newest message held per loaded room. */
  resumePositions(): Record<string, number> {
    const resume: Record<string, number> = {};
    for (const [roomId, t] of this.rooms) {
      const last = lastSeqOf(t);
      // A run in the middle of history (a jump) is not where the room resumes from.
      if (t.loaded && !t.hasNewer && last > 0 && this.host.joined(roomId)) resume[roomId] = last;
    }
    return resume;
  }

  /** After a (re)connection: refresh what is shown, load what was waiting. */
  reconnected(): void {
    for (const [roomId, t] of this.rooms) {
      if (!this.host.joined(roomId) || t.hasNewer) continue;
      // Resume brought newer messages; edits and reactions made meanwhile to the loaded
      // tail are picked up by fetching it again.
      if (t.loaded) void this.refreshTail(roomId);
      else if (t.loading) void this.loadNewest(roomId);
    }
  }

  /** The room was joined: load it if someone is looking. */
  joined(roomId: string): void {
    const t = this.rooms.get(roomId);
    if (t && !t.loaded) void this.loadNewest(roomId);
  }

  /** A snapshot for the UI: stored messages, then the outbox's. */
  snapshot(serverId: string, roomId: string, pending: TimelineMessage[]): Timeline {
    const t = this.rooms.get(roomId) ?? emptyTimeline(0);
    const messages: TimelineMessage[] = t.messages.map((m) => this.asSent(m));
    messages.push(...pending);
    return {
      serverId,
      roomId,
      messages,
      hasOlder: t.hasOlder,
      hasNewer: t.hasNewer,
      loading: t.loading,
      readSeq: t.openedReadSeq,
      ...(t.focusSeq !== undefined ? { focusSeq: t.focusSeq } : {}),
    };
  }

  /** A new or own acknowledged message: appended when it continues the run, else the gap is filled. */
  add(m: Message): void {
    const t = this.rooms.get(m.roomId);
    if (!t?.loaded || t.hasNewer) return; // a run in the middle of history grows by loadNewer
    if (m.seq <= lastSeqOf(t) + 1) {
      t.messages = mergeMessages(t.messages, [m]);
      this.host.changed(m.roomId);
    } else void this.fillGap(m.roomId);
  }

  /** Resumed messages, in order. */
  synced(roomId: string, messages: Message[]): void {
    const t = this.rooms.get(roomId);
    if (!t) return;
    t.messages = mergeMessages(t.messages, messages);
    this.host.changed(roomId);
  }

  /** An edited, deleted or reacted-to message replaces its loaded copy. */
  replace(m: Message): void {
    const t = this.rooms.get(m.roomId);
    if (!t?.loaded) return;
    const first = t.messages[0]?.seq ?? 0;
    if (m.seq < first || m.seq > lastSeqOf(t)) return;
    t.messages = mergeMessages(t.messages, [m]);
    this.host.changed(m.roomId);
  }

  /** Loads the page before the oldest loaded message. */
  async loadOlder(roomId: string): Promise<void> {
    const t = this.rooms.get(roomId);
    if (!t || t.loading || !t.loaded || !t.hasOlder) return;
    t.loading = true;
    this.host.changed(roomId);
    try {
      const first = t.messages[0]?.seq ?? 1;
      const page = await this.history({ roomId, before: first, limit: PAGE });
      t.messages = mergeMessages(t.messages, page.messages);
      t.hasOlder = page.hasMore;
    } finally {
      t.loading = false;
      this.host.changed(roomId);
    }
  }

  /** Replaces the loaded run with the page around one message, and focuses it. */
  async jump(roomId: string, seq: number, readSeq: number): Promise<void> {
    let t = this.rooms.get(roomId);
    if (!t) this.rooms.set(roomId, (t = emptyTimeline(readSeq)));
    t.loading = true;
    this.host.changed(roomId);
    try {
      const page = await this.history({ roomId, around: seq, limit: PAGE });
      t.messages = mergeMessages([], page.messages);
      t.hasOlder = page.hasMore;
      t.hasNewer = page.hasNewer ?? false;
      t.loaded = true;
      t.focusSeq = seq;
    } finally {
      t.loading = false;
      this.host.changed(roomId);
    }
  }

  /** Loads the page after the newest loaded message; the run rejoins the present at the end. */
  async loadNewer(roomId: string): Promise<void> {
    const t = this.rooms.get(roomId);
    if (!t || t.loading || !t.loaded || !t.hasNewer) return;
    t.loading = true;
    this.host.changed(roomId);
    try {
      const page = await this.history({ roomId, after: lastSeqOf(t), limit: PAGE });
      t.messages = mergeMessages(t.messages, page.messages);
      t.hasNewer = page.hasMore;
    } finally {
      t.loading = false;
      this.host.changed(roomId);
    }
  }

  private asSent(m: Message): TimelineMessage {
    let v = this.sentCache.get(m);
    if (!v) this.sentCache.set(m, (v = { ...m, status: 'sent' }));
    return v;
  }

  private async loadNewest(roomId: string): Promise<void> {
    const t = this.rooms.get(roomId);
    if (!t) return;
    t.loading = true;
    this.host.changed(roomId);
    if (!this.host.online() || !this.host.joined(roomId)) return; // loads after welcome/join
    try {
      await this.takeNewestPage(t, roomId);
      t.loaded = true;
      // A message announced while the page was on its way is in neither: fetch what follows.
      if (this.host.lastSeq(roomId) > lastSeqOf(t)) void this.fillGap(roomId);
    } catch {
      // Offline: retried after the next welcome.
    } finally {
      t.loading = false;
      this.host.changed(roomId);
    }
  }

  private async refreshTail(roomId: string): Promise<void> {
    const t = this.rooms.get(roomId);
    if (!t) return;
    await this.takeNewestPage(t, roomId).catch(() => undefined);
    this.host.changed(roomId);
  }

  private async takeNewestPage(t: LoadedTimeline, roomId: string): Promise<void> {
    const page = await this.history({ roomId, limit: PAGE });
    const merged = mergeMessages(t.messages, page.messages);
    const newest = page.messages.at(-1)?.seq ?? 0;
    // Away for long: the newest page does not touch what we hold; start again from it.
    t.messages = (merged.at(-1)?.seq ?? 0) < newest ? page.messages : merged;
    t.hasOlder = (t.messages[0]?.seq ?? 1) > 1;
  }

  private async fillGap(roomId: string): Promise<void> {
    if (this.filling.has(roomId)) return;
    this.filling.add(roomId);
    try {
      for (let i = 0; i < MAX_GAP_PAGES; i++) {
        const t = this.rooms.get(roomId);
        if (!t) return;
        const before = lastSeqOf(t);
        const page = await this.history({ roomId, after: before, limit: 100 });
        t.messages = mergeMessages(t.messages, page.messages);
        this.host.changed(roomId);
        if (!page.hasMore || lastSeqOf(t) === before) return;
      }
    } catch {
      // Offline: the next welcome resumes from what we hold.
    } finally {
      this.filling.delete(roomId);
    }
  }

  private async history(q: {
    roomId: string;
    before?: number;
    after?: number;
    around?: number;
    limit: number;
  }) {
    const f = await this.host.request({ type: 'history', ...q });
    if (f.type !== 'history') throw new ChatApiError('internal', 'unexpected answer to history');
    this.host.seen(f.messages);
    return f;
  }
}

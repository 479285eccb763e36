import type { createConnection as netConnect } from 'node:net';
import { pinnedConnection } from '../../electron/transport/pinnedTls.js';
import WebSocket from 'ws';
import {
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type ServerFrameOf,
} from '../../shared/protocol/index.js';

type Outgoing = ClientFrame extends infer F
  ? F extends ClientFrame
    ? Omit<F, 'id'> & { id?: string }
    : never
  : never;

let nextId = 0;

/**
 * A real WebSocket client for tests: validates every server frame against the shared schema,
 * unpacks batched arrays, and lets a test await replies and events with a bounded wait.
 */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  /** Raw WebSocket messages, to check batching. */
  rawMessages = 0;
  token = '';
  userId = '';
  /** The file-access credential from welcome (for `?access=` on file routes). */
  access = '';
  closeCode: number | undefined;
  private waiters: Array<{ test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> =
    [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.rawMessages++;
      const parsed = JSON.parse(data.toString()) as unknown;
      for (const raw of Array.isArray(parsed) ? parsed : [parsed]) {
        const frame = ServerFrame.parse(raw);
        this.frames.push(frame);
        this.waiters = this.waiters.filter((w) =>
          w.test(frame) ? (w.resolve(frame), false) : true,
        );
      }
    });
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => undefined);
  }

  /**
   * Opens a socket (optionally with a token in the URL or custom headers). An https server is
   * reached through the desktop engine's pinned connection: give its certificate fingerprint.
   */
  static async connect(
    baseUrl: string,
    opts: {
      token?: string;
      headers?: Record<string, string>;
      localAddress?: string;
      fingerprint?: string;
    } = {},
  ): Promise<TestClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`;
    // localAddress: another loopback address (127.0.0.x), to test per-address limits.
    const ws = new WebSocket(url, {
      headers: opts.headers,
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      ...(opts.fingerprint
        ? // ws types createConnection as net's synchronous form; the callback form works as well.
          { createConnection: pinnedConnection(opts.fingerprint) as unknown as typeof netConnect }
        : {}),
    });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
    return client;
  }

  /** Connects and joins with a new name. */
  static async join(
    baseUrl: string,
    name: string,
    extra: { password?: string; invite?: string; fingerprint?: string } = {},
  ): Promise<TestClient> {
    const { fingerprint, ...hello } = extra;
    const c = await TestClient.connect(baseUrl, fingerprint ? { fingerprint } : {});
    await c.hello({ name, ...hello });
    return c;
  }

  /** Sends hello and records the identity from welcome. */
  async hello(fields: {
    name?: string;
    token?: string;
    password?: string;
    userPassword?: string;
    invite?: string;
    resume?: Record<string, number>;
  }): Promise<ServerFrameOf<'welcome'>> {
    const reply = await this.request({ type: 'hello', protocol: PROTOCOL_VERSION, ...fields });
    if (reply.type !== 'welcome') throw new Error(`hello failed: ${JSON.stringify(reply)}`);
    this.token = reply.token;
    this.userId = reply.user.id;
    this.access = reply.files.access;
    return reply;
  }

  /** Sends a frame as-is (may be invalid on purpose). */
  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a frame and returns its id. */
  send(frame: Outgoing): string {
    const id = frame.id ?? `r${++nextId}`;
    this.ws.send(JSON.stringify({ ...frame, id }));
    return id;
  }

  /** Sends a request and resolves with the reply (an error frame included). */
  request(frame: Outgoing, timeoutMs = 5000): Promise<ServerFrame> {
    const id = this.send(frame);
    return this.waitFor(
      (f) => 'replyTo' in f && f.replyTo === id,
      timeoutMs,
      `reply to ${frame.type}`,
    );
  }

  /** Resolves with the first frame (already received or future) that passes the test. */
  waitFor(
    test: (f: ServerFrame) => boolean,
    timeoutMs = 5000,
    what = 'frame',
  ): Promise<ServerFrame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return this.next(test, timeoutMs, what);
  }

  /** Resolves with the next frame from now on that passes the test. */
  next(test: (f: ServerFrame) => boolean, timeoutMs = 5000, what = 'frame'): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Frames of one type received so far. */
  ofType<T extends ServerFrame['type']>(type: T): ServerFrameOf<T>[] {
    return this.frames.filter((f): f is ServerFrameOf<T> => f.type === type);
  }

  /** Sends a text message and waits for its ack. */
  async say(
    roomId: string,
    text: string,
    clientId = `c${++nextId}`,
  ): Promise<ServerFrameOf<'message:ack'>> {
    const reply = await this.request({ type: 'message:send', roomId, clientId, text });
    if (reply.type !== 'message:ack') throw new Error(`send failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** Resolves when the socket has closed (with its code). */
  closed(timeoutMs = 5000): Promise<number> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve(this.closeCode ?? 0);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  /** Closes the socket. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed().catch(() => this.ws.terminate());
  }
}

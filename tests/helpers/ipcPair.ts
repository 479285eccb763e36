/**
 * An in-memory stand-in for Electron IPC: a fake ipcMain and one or more fake ipcRenderers.
 * Like the real thing it structuredClone()s every argument and payload in both directions (so a
 * function or class instance that would not survive IPC fails here too), delivers on a later
 * turn of the event loop, in order, reports a configurable sender frame URL, and can be
 * destroyed to simulate the window closing.
 *
 *   const pair = createIpcPair();
 *   registerIpcHandlers(pair.main, engine, { isTrustedSender: isAppUrl });
 *   const api = createIpcChatApi(pair.renderer);
 */
import type { IpcEventLike, IpcMainLike } from '../../electron/ipc/handlers.js';
import type { IpcRendererLike } from '../../electron/ipc/rendererApi.js';
import type { IpcSender } from '../../electron/ipc/subscriptions.js';

type MainListener = (event: IpcEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

const later = (fn: () => void): void => void setImmediate(fn);

/** The app page's URL, the default sender frame. */
export const APP_PAGE_URL = 'parley://app/index.html';

/** A fake ipcMain: handlers and listeners by channel. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, MainListener>();
  readonly listeners = new Map<string, Set<MainListener>>();

  handle(channel: string, listener: MainListener): void {
    // Electron refuses a second handler on the same channel; so does the fake.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: MainListener): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeListener(channel: string, listener: MainListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** Number of handlers plus listeners still registered (0 after the disposer ran). */
  get registered(): number {
    let n = this.handlers.size;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

let nextSenderId = 1;

/** One window: its webContents (as main sees it) and its ipcRenderer (as the preload sees it). */
export class FakeRendererEndpoint {
  /** What main sees as event.sender. */
  readonly sender: IpcSender & { destroyed: boolean };
  /** What the preload sees as ipcRenderer. */
  readonly renderer: IpcRendererLike;
  /** URL of the frame that sends; null mimics a frame that navigated away or was destroyed. */
  frameUrl: string | null;
  /** Every message main pushed to this window, after cloning: [channel, ...args]. */
  readonly received: unknown[][] = [];
  private readonly rendererListeners = new Map<string, Set<RendererListener>>();
  private readonly destroyedListeners: Array<() => void> = [];

  constructor(
    private readonly main: FakeIpcMain,
    frameUrl: string | null,
  ) {
    this.frameUrl = frameUrl;
    const sender = {
      id: nextSenderId++,
      destroyed: false,
      send: (channel: string, ...args: unknown[]) => {
        if (sender.destroyed) throw new Error('Object has been destroyed');
        const cloned = structuredClone(args);
        later(() => this.deliverToRenderer(channel, cloned));
      },
      once: (event: 'destroyed', listener: () => void) => {
        if (event === 'destroyed') this.destroyedListeners.push(listener);
        return sender;
      },
      isDestroyed: () => sender.destroyed,
    };
    this.sender = sender;
    this.renderer = {
      invoke: (channel, ...args) => this.invoke(channel, args),
      send: (channel, ...args) => this.send(channel, args),
      on: (channel, listener) => {
        let set = this.rendererListeners.get(channel);
        if (!set) this.rendererListeners.set(channel, (set = new Set()));
        set.add(listener);
        return this.renderer;
      },
    };
  }

  /** Closes the window: main's 'destroyed' listeners run, later traffic goes nowhere. */
  destroy(): void {
    if (this.sender.destroyed) return;
    this.sender.destroyed = true;
    for (const l of this.destroyedListeners.splice(0)) l();
  }

  private event(): IpcEventLike {
    return {
      sender: this.sender,
      senderFrame: this.frameUrl === null ? null : { url: this.frameUrl },
    };
  }

  private invoke(channel: string, args: unknown[]): Promise<unknown> {
    if (this.sender.destroyed) return Promise.reject(new Error('The window was closed'));
    const cloned = structuredClone(args);
    return new Promise((resolve, reject) => {
      later(() => {
        const handler = this.main.handlers.get(channel);
        if (!handler) {
          reject(new Error(`Error invoking remote method '${channel}': No handler registered`));
          return;
        }
        Promise.resolve()
          .then(() => handler(this.event(), ...cloned))
          .then(
            (value) => later(() => resolve(structuredClone(value))),
            // Electron flattens a thrown error to a message string; mimic that.
            (err: unknown) =>
              later(() =>
                reject(new Error(`Error invoking remote method '${channel}': ${String(err)}`)),
              ),
          );
      });
    });
  }

  private send(channel: string, args: unknown[]): void {
    if (this.sender.destroyed) return;
    const cloned = structuredClone(args);
    later(() => {
      for (const l of this.main.listeners.get(channel) ?? []) l(this.event(), ...cloned);
    });
  }

  private deliverToRenderer(channel: string, args: unknown[]): void {
    if (this.sender.destroyed) return;
    this.received.push([channel, ...args]);
    for (const l of this.rendererListeners.get(channel) ?? [])
      l({ sender: this.renderer }, ...args);
  }
}

/** A main side with one window attached; `addRenderer` attaches more (another origin, say). */
export interface IpcPair {
  main: FakeIpcMain;
  renderer: IpcRendererLike;
  window: FakeRendererEndpoint;
  /** Sets the URL main sees for the default window's frame. */
  setFrameUrl(url: string | null): void;
  /** Closes the default window. */
  destroy(): void;
  addRenderer(frameUrl?: string | null): FakeRendererEndpoint;
}

/** Builds a fake ipcMain with one fake window on it. */
export function createIpcPair(opts: { frameUrl?: string | null } = {}): IpcPair {
  const main = new FakeIpcMain();
  const window = new FakeRendererEndpoint(
    main,
    opts.frameUrl === undefined ? APP_PAGE_URL : opts.frameUrl,
  );
  return {
    main,
    renderer: window.renderer,
    window,
    setFrameUrl: (url) => void (window.frameUrl = url),
    destroy: () => window.destroy(),
    addRenderer: (frameUrl = APP_PAGE_URL) => new FakeRendererEndpoint(main, frameUrl),
  };
}

/** Resolves after every message queued so far (and what they queue in turn, a few hops deep) is delivered. */
export async function flushIpc(hops = 6): Promise<void> {
  for (let i = 0; i < hops; i++) await new Promise<void>((r) => setImmediate(r));
}

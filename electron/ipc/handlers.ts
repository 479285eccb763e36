/**
 * Main-side IPC: the renderer's ChatApi calls arrive here. Every message is sender-checked
 * first (only the app's own page may drive the engine), then validated with zod, and only then
 * handed to the engine. Nothing thrown crosses IPC raw: failures become `{ ok: false, … }`.
 */
import {
  isChatCallName,
  parseCallArgs,
  type ChatApi,
  type Unsubscribe,
} from '../../shared/api/index.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { CHANNELS, type EventMessage, type IpcResult } from './channels.js';
import { UploadGrantTable } from '../uploads/grantTable.js';
import {
  GrantRequestSchema,
  parsePayload,
  parseUpload,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from './payloads.js';
import { SubscriptionRegistry, type IpcSender } from './subscriptions.js';

/** The parts of an IPC event used here (IpcMainEvent and IpcMainInvokeEvent both fit). */
export interface IpcEventLike {
  sender: IpcSender;
  senderFrame: { url: string } | null;
}

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** The subset of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: Listener): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/** How the handlers decide trust, and where they log refusals. */
export interface IpcHandlerOptions {
  /** True only for URLs of the app's own page. */
  isTrustedSender(url: string): boolean;
  log?: Logger;
}

/** Error codes are short identifiers; anything else is reported as internal. */
const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** Reduces any thrown value to something IPC can carry and the preload can rethrow. */
export function toFailure(err: unknown): IpcResult<never> {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' && CODE.test(e.code) ? e.code : 'internal';
  const message =
    typeof e?.message === 'string' && e.message !== '' ? e.message : 'Something went wrong.';
  return { ok: false, code, message };
}

/** Registers every Parley channel; returns a disposer that removes them and all subscriptions. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  client: ChatApi,
  opts: IpcHandlerOptions,
): () => void {
  const log = opts.log ?? createLogger('ipc');
  const subs = new SubscriptionRegistry();
  const grants = new UploadGrantTable();
  const watched = new Set<number>();

  const trusted = (event: IpcEventLike, channel: string): boolean => {
    const url = event.senderFrame?.url ?? '';
    if (opts.isTrustedSender(url)) return true;
    // Never echo more than a bounded prefix of an attacker-chosen URL into the log.
    log.warn(`refused ${channel} from untrusted sender ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  };
  const refused: IpcResult<never> = {
    ok: false,
    code: 'forbidden',
    message: 'This page may not use Parley.',
  };

  const onCall: Listener = async (event, name, args) => {
    if (!trusted(event, CHANNELS.call)) return refused;
    try {
      // Same words as the in-tab engine, so both ChatApi paths refuse alike.
      if (!isChatCallName(name))
        return {
          ok: false,
          code: 'invalid',
          message: `Unknown action: ${String(name).slice(0, 40)}`,
        };
      const parsed = parseCallArgs(name, args);
      const value: unknown = await client.call(name, parsed as never);
      return { ok: true, value };
    } catch (err) {
      return toFailure(err);
    }
  };

  const onUpload: Listener = async (event, target, source) => {
    if (!trusted(event, CHANNELS.upload)) return refused;
    try {
      const checked = await parseUpload(target, source, (path) =>
        grants.isGranted(event.sender.id, path),
      );
      const value = await client.upload(checked.target, checked.source);
      return { ok: true, value };
    } catch (err) {
      return toFailure(err);
    }
  };

  const onSubscribe: Listener = (event, request) => {
    if (!trusted(event, CHANNELS.subscribe)) return;
    let req;
    try {
      req = parsePayload('subscribe', SubscribeRequestSchema, request);
    } catch (err) {
      log.warn((err as Error).message);
      return;
    }
    const { sender } = event;
    const push = (payload: unknown): void => {
      if (sender.isDestroyed?.()) return;
      const message: EventMessage = { sub: req.sub, payload };
      try {
        sender.send(CHANNELS.event, message);
      } catch (err) {
        // A window closing mid-send is normal; the registry drops its subscriptions next.
        log.debug('event not delivered', err);
      }
    };
    const start = (): Unsubscribe => {
      switch (req.kind) {
        case 'state':
          return client.onState(push);
        case 'timeline':
          return client.onTimeline(req.serverId, req.roomId, push);
        case 'notice':
          return client.onNotice(push);
        case 'openRoom':
          return client.onOpenRoom(push);
      }
    };
    if (!subs.add(sender, req.page, req.sub, start))
      log.warn(`too many subscriptions from ${sender.id}`);
  };

  const onGrant: Listener = (event, paths) => {
    if (!trusted(event, CHANNELS.grant)) return;
    const parsed = GrantRequestSchema.safeParse(paths);
    if (!parsed.success) {
      log.warn('refused a malformed file grant');
      return;
    }
    const { sender } = event;
    if (!watched.has(sender.id)) {
      watched.add(sender.id);
      // A window's grants end with it: a later window (or page in it) starts from nothing.
      sender.once('destroyed', () => {
        watched.delete(sender.id);
        grants.forget(sender.id);
      });
    }
    grants.grant(sender.id, parsed.data);
  };

  const onUnsubscribe: Listener = (event, request) => {
    if (!trusted(event, CHANNELS.unsubscribe)) return;
    const parsed = UnsubscribeRequestSchema.safeParse(request);
    if (parsed.success) subs.remove(event.sender.id, parsed.data.sub);
  };

  ipcMain.handle(CHANNELS.call, onCall);
  ipcMain.handle(CHANNELS.upload, onUpload);
  ipcMain.on(CHANNELS.subscribe, onSubscribe);
  ipcMain.on(CHANNELS.unsubscribe, onUnsubscribe);
  ipcMain.on(CHANNELS.grant, onGrant);
  return () => {
    ipcMain.removeListener(CHANNELS.grant, onGrant);
    grants.clear();
    ipcMain.removeHandler(CHANNELS.call);
    ipcMain.removeHandler(CHANNELS.upload);
    ipcMain.removeListener(CHANNELS.subscribe, onSubscribe);
    ipcMain.removeListener(CHANNELS.unsubscribe, onUnsubscribe);
    subs.clear();
  };
}

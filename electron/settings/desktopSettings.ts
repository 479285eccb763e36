/**
 * Settings that only mean something in the desktop app: launch at login, close to tray, and the
 * folder downloads land in. Kept in userData/parley-desktop.json (read through zod, written
 * atomically), applied through the injected Electron parts, and reached by the page only as
 * ChatApi calls that main answers itself (the engine never sees them).
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  ChatApiError,
  type ChatApi,
  type ChatCallArgs,
  type DesktopSettings,
} from '../../shared/api/index.js';
import type { Logger } from '../../shared/log.js';
import { AtomicJsonFile } from '../server/store/atomicJsonFile.js';

/** File name inside userData. */
export const DESKTOP_SETTINGS_FILE = 'parley-desktop.json';

const Stored = z.object({
  closeToTray: z.boolean().optional(),
  downloadsDir: z.string().min(1).max(4096).optional(),
});

/** The Electron parts the settings drive (fakes in tests: no Electron binary here). */
export interface DesktopSettingsDeps {
  dir: string;
  /** The system's Downloads folder (the default). */
  defaultDownloadsDir: string;
  /** app.getLoginItemSettings().openAtLogin: the system keeps this one, not our file. */
  getLaunchAtLogin(): boolean;
  setLaunchAtLogin(open: boolean): void;
  /** A native folder picker; undefined when cancelled. The page can never name a path. */
  pickFolder(current: string): Promise<string | undefined>;
  log: Logger;
  durable?: boolean;
}

/** The desktop settings, loaded once and kept in step with their file. */
export class DesktopSettingsStore {
  private stored: z.infer<typeof Stored> = {};
  private readonly file: AtomicJsonFile<z.infer<typeof Stored>>;

  constructor(private readonly deps: DesktopSettingsDeps) {
    this.file = new AtomicJsonFile(join(deps.dir, DESKTOP_SETTINGS_FILE), deps.durable ?? true);
  }

  /** Reads the file; a missing or broken one means the defaults. */
  async load(): Promise<this> {
    try {
      const parsed = Stored.safeParse(await this.file.read());
      if (parsed.success) this.stored = parsed.data;
      else this.deps.log.warn(`${DESKTOP_SETTINGS_FILE} is not valid; using the defaults`);
    } catch (err) {
      this.deps.log.warn(`could not read ${DESKTOP_SETTINGS_FILE}`, err);
    }
    return this;
  }

  /** Current settings. */
  get(): DesktopSettings {
    return {
      launchAtLogin: this.deps.getLaunchAtLogin(),
      closeToTray: this.stored.closeToTray ?? true,
      downloadsDir: this.downloadsDir(),
    };
  }

  /** Where downloads go now. */
  downloadsDir(): string {
    return this.stored.downloadsDir ?? this.deps.defaultDownloadsDir;
  }

  /** Whether closing the window keeps Parley running in the tray (the default) or quits. */
  closeToTray(): boolean {
    return this.stored.closeToTray ?? true;
  }

  /** Applies and stores a change. */
  async set(change: ChatCallArgs<'setDesktopSettings'>): Promise<DesktopSettings> {
    if (change.launchAtLogin !== undefined) this.deps.setLaunchAtLogin(change.launchAtLogin);
    if (change.closeToTray !== undefined) this.stored.closeToTray = change.closeToTray;
    if (change.defaultDownloads) delete this.stored.downloadsDir;
    await this.file.write(this.stored);
    return this.get();
  }

  /** Lets the person pick the downloads folder with the system's dialog. */
  async chooseDownloadsDir(): Promise<DesktopSettings> {
    const picked = await this.deps.pickFolder(this.downloadsDir());
    if (picked) {
      this.stored.downloadsDir = picked;
      await this.file.write(this.stored);
    }
    return this.get();
  }
}

const OWN = new Set(['getDesktopSettings', 'setDesktopSettings', 'chooseDownloadsFolder']);

/**
 * The engine's ChatApi with the desktop-settings calls answered by main. The IPC handlers have
 * already validated the arguments with the shared schemas before they get here.
 */
export function withDesktopSettings(client: ChatApi, settings: DesktopSettingsStore): ChatApi {
  return {
    onState: (l) => client.onState(l),
    onTimeline: (s, r, l) => client.onTimeline(s, r, l),
    onNotice: (l) => client.onNotice(l),
    onOpenRoom: (l) => client.onOpenRoom(l),
    upload: (target, file) => client.upload(target, file),
    call: (async (name: string, args: unknown) => {
      if (!OWN.has(name)) return client.call(name as never, args as never);
      if (name === 'getDesktopSettings') return settings.get();
      if (name === 'setDesktopSettings')
        return settings.set(args as ChatCallArgs<'setDesktopSettings'>);
      if (name === 'chooseDownloadsFolder') return settings.chooseDownloadsDir();
      throw new ChatApiError('invalid', `Unknown action: ${name}`);
    }) as ChatApi['call'],
  };
}

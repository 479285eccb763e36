/**
 * "Download finished": a notification whose click opens the file, after a warning for
 * programs and scripts (executables.ts). Electron's Notification, dialog and shell come in.
 */
import type { Logger } from '../../shared/log.js';
import { openDownloaded, type OpenChoice } from './executables.js';

/** A notification as Electron makes it. */
interface NoticeLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** What the notice needs from the shell. */
export interface DownloadNoticeDeps {
  notify(content: { title: string; body: string }): NoticeLike | null;
  /** A message box (dialog.showMessageBox on the window). */
  ask(box: {
    type: 'warning';
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
  }): Promise<{ response: number }>;
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
  log: Logger;
}

/** Returns the function nodeHttp calls when a download has landed. */
export function downloadNotice(deps: DownloadNoticeDeps): (name: string, path: string) => void {
  const confirm = async (fileName: string): Promise<OpenChoice> => {
    const { response } = await deps.ask({
      type: 'warning',
      message: `"${fileName}" is a program or script.`,
      detail: 'Opening it can change your computer. Open it only if you trust who sent it.',
      buttons: ['Open', 'Show in folder', 'Cancel'],
      defaultId: 2,
      cancelId: 2,
    });
    return (['open', 'show', 'cancel'] as const)[response] ?? 'cancel';
  };
  return (name, path) => {
    const note = deps.notify({ title: 'Download finished', body: `${name} — click to open` });
    if (!note) return;
    note.on('click', () => {
      openDownloaded(path, name, {
        confirm,
        openPath: deps.openPath,
        showItemInFolder: deps.showItemInFolder,
      }).catch((err: unknown) => deps.log.warn(`could not open ${name}`, err));
    });
    note.show();
  };
}

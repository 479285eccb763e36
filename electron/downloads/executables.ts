/**
 * File types that run code when opened. Opening one of those from a download asks first, on
 * every platform: a Windows program sent to a Mac user is harmless, but a shell script is not,
 * and the list errs on the side of asking.
 */
import { extname } from 'node:path';

const EXECUTABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows
  'exe',
  'msi',
  'msix',
  'msp',
  'com',
  'scr',
  'pif',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'cpl',
  'msc',
  'lnk',
  'reg',
  'inf',
  'appx',
  'appref-ms',
  'jar',
  'url',
  'scf',
  'xll',
  'docm',
  'xlsm',
  'pptm',
  'iso',
  'img',
  'vhd',
  'vhdx',
  // macOS
  'app',
  'pkg',
  'mpkg',
  'dmg',
  'command',
  'tool',
  'workflow',
  'terminal',
  'scpt',
  'applescript',
  // Linux and Unix
  'sh',
  'bash',
  'zsh',
  'csh',
  'run',
  'bin',
  'appimage',
  'deb',
  'rpm',
  'desktop',
  'snap',
  'flatpak',
  'flatpakref',
  'py',
  'pyw',
  'pl',
  'rb',
  'php',
]);

/** Whether opening a file of this name may run code. */
export function isExecutableName(name: string): boolean {
  const ext = extname(name.trim().replace(/[. ]+$/, ''))
    .slice(1)
    .toLowerCase();
  return ext !== '' && EXECUTABLE_EXTENSIONS.has(ext);
}

/** What the user chose when warned. */
export type OpenChoice = 'open' | 'show' | 'cancel';

/** What opening a download needs from the shell. */
export interface OpenDownloadDeps {
  /** Asks the user about a program; resolves with the choice. */
  confirm(name: string): Promise<OpenChoice>;
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** Opens a download, asking first for executable types. Resolves with what happened. */
export async function openDownloaded(
  path: string,
  name: string,
  deps: OpenDownloadDeps,
): Promise<OpenChoice> {
  const choice = isExecutableName(name) ? await deps.confirm(name) : 'open';
  if (choice === 'open') {
    const problem = await deps.openPath(path);
    if (problem !== '') throw new Error(problem);
  } else if (choice === 'show') deps.showItemInFolder(path);
  return choice;
}

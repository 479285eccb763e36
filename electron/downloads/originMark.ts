/**
 * Marks a finished download as coming from elsewhere, so the operating system warns before it
 * runs: the Zone.Identifier alternate data stream on Windows (the "Mark of the Web") and the
 * com.apple.quarantine extended attribute on macOS (Gatekeeper). The file system and xattr
 * calls come in as a small layer, so each platform's writer is tested on any machine.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Logger } from '../../shared/log.js';

/** Where a downloaded file came from. */
export interface DownloadOrigin {
  /** The file's address on its server (no credentials: those travel in a header). */
  url: string;
  /** The server the user was talking to. */
  referrer?: string;
}

/** Writes one file (the ADS is written as `path:Zone.Identifier`). */
export interface MarkFs {
  writeFile(path: string, data: string): Promise<void>;
}

/** Sets one extended attribute. */
export interface XattrLayer {
  set(path: string, name: string, value: string): Promise<void>;
}

/** Marks one file; resolves false (and logs) when the mark could not be written. */
export type OriginMarker = (path: string, origin: DownloadOrigin) => Promise<boolean>;

/** Zone 3 is "Internet": SmartScreen and Office's Protected View treat the file as downloaded. */
const INTERNET_ZONE = 3;
/** macOS quarantine xattr name. */
export const QUARANTINE_XATTR = 'com.apple.quarantine';

const oneLine = (text: string): string => text.replace(/[\r\n]/g, '');

/** The Zone.Identifier stream's contents, as browsers write it. */
export function zoneIdentifier(origin: DownloadOrigin): string {
  const lines = ['[ZoneTransfer]', `ZoneId=${INTERNET_ZONE}`];
  if (origin.referrer) lines.push(`ReferrerUrl=${oneLine(origin.referrer)}`);
  lines.push(`HostUrl=${oneLine(origin.url)}`);
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The quarantine attribute's value: flags;seconds since 1970 in hex;agent;event id. 0081 is
 * what browsers write for a download that Gatekeeper must check before it first runs.
 */
export function quarantineValue(now: Date, eventId: string = randomUUID()): string {
  const seconds = Math.floor(now.getTime() / 1000).toString(16);
  return `0081;${seconds};Parley;${eventId.toUpperCase()}`;
}

/** Windows: the Zone.Identifier alternate data stream. */
export function windowsMarker(fs: MarkFs): (path: string, origin: DownloadOrigin) => Promise<void> {
  return (path, origin) => fs.writeFile(`${path}:Zone.Identifier`, zoneIdentifier(origin));
}

/** macOS: the quarantine extended attribute. */
export function macMarker(
  xattr: XattrLayer,
  now: () => Date = () => new Date(),
): (path: string) => Promise<void> {
  return (path) => xattr.set(path, QUARANTINE_XATTR, quarantineValue(now()));
}

/** The real layers: node:fs for the ADS, /usr/bin/xattr for the attribute (Node has no API). */
export const systemMarkFs: MarkFs = { writeFile: (path, data) => writeFile(path, data) };
/** `xattr -w name value path`, the tool every macOS ships. */
export const systemXattr: XattrLayer = {
  set: (path, name, value) =>
    new Promise((resolve, reject) =>
      execFile('/usr/bin/xattr', ['-w', name, value, path], (err) =>
        err ? reject(err) : resolve(),
      ),
    ),
};

/** Picks the writer for a platform; on others (Linux: nothing enforces a mark) it does nothing. */
export function createOriginMarker(opts: {
  platform: NodeJS.Platform;
  log: Logger;
  fs?: MarkFs;
  xattr?: XattrLayer;
  now?: () => Date;
}): OriginMarker {
  let write: ((path: string, origin: DownloadOrigin) => Promise<void>) | undefined;
  if (opts.platform === 'win32') write = windowsMarker(opts.fs ?? systemMarkFs);
  else if (opts.platform === 'darwin') write = macMarker(opts.xattr ?? systemXattr, opts.now);
  return async (path, origin) => {
    if (!write) return false;
    try {
      await write(path, origin);
      return true;
    } catch (err) {
      // The file is kept: losing a download the user asked for helps nobody. The log says why.
      opts.log.warn(`could not mark ${path} as downloaded`, err);
      return false;
    }
  };
}

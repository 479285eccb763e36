/**
 * Preload side of the upload grants: files reach the page only through trusted user gestures
 * (a drop, a paste, the file picker's change event). The preload watches those in capture phase
 * (before any page script) and tells main which paths the user handed over; events a script
 * dispatched itself (isTrusted false) grant nothing.
 */

/** The parts of a DOM event read here. */
export interface UserFileEvent {
  type: string;
  isTrusted: boolean;
  target?: unknown;
  dataTransfer?: { files?: ArrayLike<unknown> | null } | null;
  clipboardData?: { files?: ArrayLike<unknown> | null } | null;
}

/** Most paths reported from one gesture (a drop of a huge folder listing is cut here). */
export const MAX_PATHS_PER_GESTURE = 100;

/** Files carried by one gesture: a drop's or paste's, or a file input's after a pick. */
export function filesOf(event: UserFileEvent): unknown[] {
  if (!event.isTrusted) return [];
  let list: ArrayLike<unknown> | null | undefined;
  if (event.type === 'drop') list = event.dataTransfer?.files;
  else if (event.type === 'paste') list = event.clipboardData?.files;
  else if (event.type === 'change') {
    const input = event.target as { type?: unknown; files?: ArrayLike<unknown> | null } | null;
    if (input && input.type === 'file') list = input.files;
  }
  return list ? Array.from(list).slice(0, MAX_PATHS_PER_GESTURE) : [];
}

/** Paths (non-empty) of a gesture's files; getPath is webUtils.getPathForFile. */
export function grantedPaths(event: UserFileEvent, getPath: (file: unknown) => string): string[] {
  const out: string[] = [];
  for (const file of filesOf(event)) {
    try {
      const p = getPath(file);
      if (p) out.push(p);
    } catch {
      // Not a real File: nothing to grant.
    }
  }
  return out;
}

/** Listens on `target` (the window) in capture phase and reports each gesture's paths. */
export function watchUserFiles(
  target: { addEventListener(type: string, listener: (e: Event) => void, capture: boolean): void },
  getPath: (file: unknown) => string,
  report: (paths: string[]) => void,
): void {
  for (const type of ['drop', 'paste', 'change']) {
    target.addEventListener(
      type,
      (event: Event) => {
        const paths = grantedPaths(event as unknown as UserFileEvent, getPath);
        if (paths.length > 0) report(paths);
      },
      true,
    );
  }
}

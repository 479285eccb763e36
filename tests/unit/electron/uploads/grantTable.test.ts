import { describe, expect, it } from 'vitest';
import {
  MAX_GRANTS_PER_SENDER,
  UploadGrantTable,
} from '../../../../electron/uploads/grantTable.js';
import { grantedPaths, watchUserFiles } from '../../../../electron/uploads/userFiles.js';

describe('upload grant table', () => {
  it('grants per window, compares normalized paths, forgets with the window', () => {
    const t = new UploadGrantTable();
    t.grant(1, ['/home/me/a.txt']);
    expect(t.isGranted(1, '/home/me/a.txt')).toBe(true);
    expect(t.isGranted(1, '/home/me/x/../a.txt')).toBe(true);
    expect(t.isGranted(1, '/home/me/b.txt')).toBe(false);
    expect(t.isGranted(2, '/home/me/a.txt')).toBe(false);
    t.forget(1);
    expect(t.isGranted(1, '/home/me/a.txt')).toBe(false);
  });

  it('keeps a bounded number of grants, dropping the oldest', () => {
    const t = new UploadGrantTable();
    for (let i = 0; i <= MAX_GRANTS_PER_SENDER; i++) t.grant(1, [`/f/${i}`]);
    expect(t.isGranted(1, '/f/0')).toBe(false);
    expect(t.isGranted(1, '/f/1')).toBe(true);
    expect(t.isGranted(1, `/f/${MAX_GRANTS_PER_SENDER}`)).toBe(true);
    t.clear();
    expect(t.isGranted(1, '/f/1')).toBe(false);
  });
});

describe('files from user gestures', () => {
  const pathOf = (f: unknown) => (f as { p: string }).p;
  const files = [{ p: '/a' }, { p: '' }, { p: '/b' }];

  it('takes drops, pastes and file-input changes that the user made', () => {
    expect(
      grantedPaths({ type: 'drop', isTrusted: true, dataTransfer: { files } }, pathOf),
    ).toEqual(['/a', '/b']);
    expect(
      grantedPaths({ type: 'paste', isTrusted: true, clipboardData: { files } }, pathOf),
    ).toEqual(['/a', '/b']);
    const input = { type: 'file', files };
    expect(grantedPaths({ type: 'change', isTrusted: true, target: input }, pathOf)).toEqual([
      '/a',
      '/b',
    ]);
  });

  it('ignores script-made events, other inputs, and files without a path', () => {
    expect(
      grantedPaths({ type: 'drop', isTrusted: false, dataTransfer: { files } }, pathOf),
    ).toEqual([]);
    const text = { type: 'text', files };
    expect(grantedPaths({ type: 'change', isTrusted: true, target: text }, pathOf)).toEqual([]);
    const throwing = () => {
      throw new TypeError('not a File');
    };
    expect(
      grantedPaths({ type: 'drop', isTrusted: true, dataTransfer: { files } }, throwing),
    ).toEqual([]);
  });

  it('listens in capture phase and reports only gestures with paths', () => {
    const listeners: Array<[string, boolean, (e: Event) => void]> = [];
    const reports: string[][] = [];
    watchUserFiles(
      { addEventListener: (type, fn, capture) => void listeners.push([type, capture, fn]) },
      pathOf,
      (paths) => reports.push(paths),
    );
    expect(listeners.map(([t, c]) => [t, c])).toEqual([
      ['drop', true],
      ['paste', true],
      ['change', true],
    ]);
    listeners[0]![2]({ type: 'drop', isTrusted: true, dataTransfer: { files } } as never);
    listeners[1]![2]({ type: 'paste', isTrusted: true, clipboardData: { files: [] } } as never);
    expect(reports).toEqual([['/a', '/b']]);
  });
});

import { describe, expect, it } from 'vitest';
import { isExecutableName, openDownloaded } from '../../../../electron/downloads/executables.js';

describe('executable downloads', () => {
  it('knows the types that run code on each platform', () => {
    for (const name of [
      'setup.EXE',
      'a.msi',
      'run.sh',
      'Tool.app',
      'x.dmg',
      'p.AppImage',
      'y.bat ',
    ])
      expect(isExecutableName(name), name).toBe(true);
    for (const name of ['photo.png', 'notes.txt', 'report.pdf', 'exe', 'archive.tar.gz'])
      expect(isExecutableName(name), name).toBe(false);
    // Windows ignores trailing dots: "evil.exe." runs as evil.exe.
    expect(isExecutableName('evil.exe.')).toBe(true);
  });

  it('asks before opening a program; opens other files directly', async () => {
    const log: string[] = [];
    const deps = (choice: 'open' | 'show' | 'cancel') => ({
      confirm: async (name: string) => (log.push(`ask ${name}`), choice),
      openPath: async (p: string) => (log.push(`open ${p}`), ''),
      showItemInFolder: (p: string) => void log.push(`show ${p}`),
    });
    expect(await openDownloaded('/d/a.png', 'a.png', deps('cancel'))).toBe('open');
    expect(await openDownloaded('/d/s.exe', 's.exe', deps('cancel'))).toBe('cancel');
    expect(await openDownloaded('/d/s.exe', 's.exe', deps('show'))).toBe('show');
    expect(await openDownloaded('/d/s.exe', 's.exe', deps('open'))).toBe('open');
    expect(log).toEqual([
      'open /d/a.png',
      'ask s.exe',
      'ask s.exe',
      'show /d/s.exe',
      'ask s.exe',
      'open /d/s.exe',
    ]);
    await expect(
      openDownloaded('/d/a.png', 'a.png', { ...deps('open'), openPath: async () => 'no app' }),
    ).rejects.toThrow('no app');
  });
});

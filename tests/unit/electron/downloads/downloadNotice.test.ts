import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import { downloadNotice } from '../../../../electron/downloads/downloadNotice.js';

describe('download finished notice', () => {
  it('opens a document on click, and asks first for a program', async () => {
    const notes: Array<EventEmitter & { content: unknown; shown: boolean }> = [];
    const opened: string[] = [];
    const asked: string[] = [];
    const announce = downloadNotice({
      notify: (content) => {
        const n = Object.assign(new EventEmitter(), {
          content,
          shown: false,
          show: () => undefined,
        });
        n.show = () => void (n.shown = true);
        notes.push(n);
        return n;
      },
      ask: async (box) => (asked.push(box.message), { response: 2 }),
      openPath: async (p) => (opened.push(p), ''),
      showItemInFolder: () => undefined,
      log: createLogger('t', 'silent'),
    });
    announce('report.pdf', '/d/report.pdf');
    announce('setup.exe', '/d/setup.exe');
    expect(notes.map((n) => [n.content, n.shown])).toEqual([
      [{ title: 'Download finished', body: 'report.pdf — click to open' }, true],
      [{ title: 'Download finished', body: 'setup.exe — click to open' }, true],
    ]);
    notes[0]!.emit('click');
    notes[1]!.emit('click');
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toEqual(['/d/report.pdf']);
    expect(asked).toEqual(['"setup.exe" is a program or script.']);
  });
});

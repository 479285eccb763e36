import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  announcedSize,
  DownloadTooLargeError,
  sizeLimit,
} from '../../../../electron/downloads/sizeLimit.js';

function sink(): { stream: Writable; bytes: () => number } {
  let n = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _e, done) {
        n += chunk.length;
        done();
      },
    }),
    bytes: () => n,
  };
}

describe('download size cut-off', () => {
  it('passes a download of exactly the announced size', async () => {
    const out = sink();
    const counts: number[] = [];
    await pipeline(
      Readable.from([Buffer.alloc(4), Buffer.alloc(6)]),
      sizeLimit(10, 'a.bin', (n) => counts.push(n)),
      out.stream,
    );
    expect(out.bytes()).toBe(10);
    expect(counts).toEqual([4, 10]);
  });

  it('stops at the first chunk past the announced size, before writing it', async () => {
    const out = sink();
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(pipeline(endless, sizeLimit(4096, 'big.iso'), out.stream)).rejects.toThrow(
      DownloadTooLargeError,
    );
    expect(out.bytes()).toBe(4096);
    expect(pulled).toBeLessThan(100);
  });

  it('takes the smaller of the announced size and Content-Length', () => {
    expect(announcedSize(100, '50')).toBe(50);
    expect(announcedSize(100, '5000')).toBe(100);
    expect(announcedSize(100, undefined)).toBe(100);
    expect(announcedSize(100, 'lots')).toBe(100);
  });
});

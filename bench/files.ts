import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FILE_NAME_HEADER } from '../shared/protocol/index.js';
import { spawnServer, type ServerChild } from './child.js';
import { closePeers, openPeer } from './peers.js';
import type { ServerConfig } from './serverProcess.js';
import { percentile, round } from './stats.js';

/** One file transfer measured against one server. */
export interface FileRun {
  server: string;
  uploadMBps: number;
  downloadMBps: number;
  /** Peak server RSS during the upload, above its RSS just before. */
  uploadRssGrowthMB: number;
  downloadRssGrowthMB: number;
}

const MiB = 1024 * 1024;

/** Writes `bytes` of random data to a file, 1 MiB at a time (never the whole file in memory). */
async function makeFile(path: string, bytes: number): Promise<void> {
  const chunk = randomBytes(MiB);
  async function* chunks() {
    for (let left = bytes; left > 0; left -= MiB)
      yield left >= MiB ? chunk : chunk.subarray(0, left);
  }
  await pipeline(chunks(), createWriteStream(path));
}

/** Samples the server's RSS from /proc while `work` runs; returns the peak growth in bytes. */
async function peakGrowth<T>(server: ServerChild, work: () => Promise<T>) {
  const start = server.memory().rssBytes;
  server.resetPeak();
  let sampled = start;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, server.memory().rssBytes);
  }, 10);
  try {
    const value = await work();
    // The kernel's high-water mark also catches a spike between two samples.
    const peak = Math.max(sampled, server.memory().peakRssBytes);
    return { value, growth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

/** Streams the file to `url` in one POST; resolves with the response body once it ends. */
function upload(url: string, file: string, bytes: number, headers: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': bytes } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          res.statusCode === 201 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`)),
        );
      },
    );
    req.on('error', reject);
    pipeline(createReadStream(file), req).catch(reject);
  });
}

/** Reads a whole response and throws the bytes away, counting them. */
function download(url: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    request(url, { headers }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(n) : reject(new Error(`${res.statusCode}`)),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Writes dirty pages out so one run's writeback does not slow the next. */
const settleDisk = () => execFileSync('sync');

async function transfer(
  label: string,
  config: ServerConfig,
  file: string,
  bytes: number,
): Promise<FileRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-files-srv-'));
  const server = await spawnServer({ ...config, dataDir });
  try {
    const isParley = config.kind === 'parley';
    let headers: Record<string, string> = {};
    if (isParley) {
      const peer = await openPeer(server.url, 'parley', 'uploader', false);
      headers = { authorization: `Bearer ${peer.token}` };
      await closePeers([peer]);
    }
    settleDisk();
    let t0 = performance.now();
    const up = await peakGrowth(server, () =>
      upload(
        isParley ? `${server.url}/api/rooms/r_general/files` : `${server.url}/upload`,
        file,
        bytes,
        isParley
          ? {
              ...headers,
              [FILE_NAME_HEADER]: 'bench.bin',
              'content-type': 'application/octet-stream',
            }
          : {},
      ),
    );
    const upSeconds = (performance.now() - t0) / 1000;
    const id = isParley ? (JSON.parse(up.value) as { file: { id: string } }).file.id : '';
    settleDisk();
    t0 = performance.now();
    const down = await peakGrowth(server, () =>
      download(isParley ? `${server.url}/api/files/${id}` : `${server.url}/download`, headers),
    );
    const downSeconds = (performance.now() - t0) / 1000;
    if (down.value !== bytes)
      throw new Error(`${label}: downloaded ${down.value} of ${bytes} bytes`);
    return {
      server: label,
      uploadMBps: round(bytes / MiB / upSeconds, 0),
      downloadMBps: round(bytes / MiB / downSeconds, 0),
      uploadRssGrowthMB: round(up.growth / MiB, 1),
      downloadRssGrowthMB: round(down.growth / MiB, 1),
    };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The median of each figure over rounds, per server (rounds alternate servers to share drift). */
function medianBy(runs: FileRun[]): FileRun[] {
  const servers = [...new Set(runs.map((r) => r.server))];
  return servers.map((server) => {
    const mine = runs.filter((r) => r.server === server);
    const med = (k: keyof Omit<FileRun, 'server'>) =>
      percentile(
        mine.map((r) => r[k]),
        50,
      );
    return {
      server,
      uploadMBps: med('uploadMBps'),
      downloadMBps: med('downloadMBps'),
      uploadRssGrowthMB: Math.max(...mine.map((r) => r.uploadRssGrowthMB)),
      downloadRssGrowthMB: Math.max(...mine.map((r) => r.downloadRssGrowthMB)),
    };
  });
}

/**
 * Uploads then downloads one `bytes` file over loopback: Parley's real routes (auth, name
 * header, fsync before the answer) against a plain Node stream pipe: without fsync (the
 * baseline the target names), with one fsync at the end (Parley's durability), and with
 * fdatasyncs overlapping the transfer (the same durability, flushed while the bytes arrive).
 */
export async function runFiles(bytes: number, rounds: number): Promise<FileRun[]> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-files-'));
  try {
    const file = join(dir, 'source.bin');
    await makeFile(file, bytes);
    const runs: FileRun[] = [];
    for (let i = 0; i < rounds; i++) {
      runs.push(await transfer('plain pipe', { kind: 'pipe', sync: 'none' }, file, bytes));
      runs.push(await transfer('pipe + fsync at end', { kind: 'pipe', sync: 'end' }, file, bytes));
      runs.push(
        await transfer('pipe + rolling fdatasync', { kind: 'pipe', sync: 'rolling' }, file, bytes),
      );
      runs.push(await transfer('Parley', { kind: 'parley', durable: true }, file, bytes));
    }
    return medianBy(runs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

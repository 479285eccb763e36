/**
 * npm run bench [-- --quick] [-- --only fanout,files]: measures Parley against baselines run
 * side by side in this run. Prints tables, then one JSON line (the last line of stdout) with
 * the headline figures.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { runConnections } from './connections.js';
import { runDirectory, type DirectoryResult } from './directory.js';
import { runFanout, type FanoutResult, type Load } from './fanout.js';
import { runFiles } from './files.js';
import { runPersist, runSingleFileBaseline, type PersistResult } from './persist.js';
import { runRender, SCROLL_STEP } from './render.js';
import { runSearch, searchTargets } from './search.js';
import type { ChatKind } from './peers.js';
import type { ServerConfig } from './serverProcess.js';
import { printTable, round } from './stats.js';
import { checkTargets } from './targets.js';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set(process.argv[onlyAt + 1]?.split(','));
const enabled = (section: string) => !only || only.has(section);
const out = (s: string) => process.stdout.write(`${s}\n`);
const MiB = 1024 * 1024;

type Summary = Record<string, unknown>;

/** The fan-out servers, labelled as the tables show them. */
interface FanoutServer {
  label: string;
  config: ServerConfig & { kind: ChatKind };
  /** Loads it runs under in quick mode (full mode runs every load). */
  quick: Array<'spaced' | 'saturation'>;
}
const SERVERS: FanoutServer[] = [
  { label: 'parley', config: { kind: 'parley', durable: true }, quick: ['spaced', 'saturation'] },
  {
    label: 'parley, shipped limits',
    config: { kind: 'parley', durable: true, limits: 'shipped' },
    quick: ['saturation'],
  },
  {
    label: 'parley, unbatched',
    config: { kind: 'parley', durable: true, batchFrames: false },
    quick: [],
  },
  { label: 'bare ws', config: { kind: 'ws' }, quick: ['spaced', 'saturation'] },
  { label: 'batched ws', config: { kind: 'wsbatched' }, quick: ['saturation'] },
  { label: 'socket.io', config: { kind: 'socketio' }, quick: ['saturation'] },
];

async function fanoutSection(): Promise<Summary> {
  const seconds = quick ? 4 : 8;
  const sizes = quick ? [200] : [200, 1000];
  const results: FanoutResult[] = [];
  for (const receivers of sizes) {
    const loads: Array<['spaced' | 'saturation', Load]> = [
      ['spaced', { perSecond: Math.round(20_000 / receivers) }],
      ['saturation', 'saturation'],
    ];
    for (const [name, load] of loads) {
      for (const s of SERVERS) {
        if (quick && !s.quick.includes(name)) continue;
        results.push(await runFanout(s.label, s.config, receivers, load, seconds));
      }
    }
  }
  printTable(
    'Fan-out: one room, 100-byte messages, persistence on (fsync) for Parley; server CPU from /proc',
    results.map((r) => ({ ...r })),
  );
  const find = (server: string, receivers: number, saturated: boolean) =>
    results.find(
      (r) =>
        r.server === server && r.receivers === receivers && (r.mode === 'saturation') === saturated,
    );
  const sat = (server: string, receivers = 200) => find(server, receivers, true)!;
  const spaced = (server: string) => find(server, 200, false)!;
  const parley = sat('parley');
  const vsWs = parley.deliveriesPerSec / sat('bare ws').deliveriesPerSec;
  const vsSocketIo = parley.deliveriesPerSec / sat('socket.io').deliveriesPerSec;
  const cpuVsBatchedWs = parley.perCpuS / sat('batched ws').perCpuS;
  const spacedCpuVsWs = spaced('parley').cpuUsPerDelivery / spaced('bare ws').cpuUsPerDelivery;
  const unbatched = find('parley, unbatched', 200, true);
  const shipped = sat('parley, shipped limits');
  out(
    `\nAt 200 receivers, saturated: Parley ${parley.deliveriesPerSec}/s = ${round(vsWs)}× bare ws, ` +
      `${round(vsSocketIo)}× Socket.IO${unbatched ? `, ${round(parley.deliveriesPerSec / unbatched.deliveriesPerSec)}× Parley without batching` : ''}; ` +
      `${parley.perCpuS} deliveries per server CPU-second = ${round(cpuVsBatchedWs)}× the batched ws anchor. ` +
      `One message per turn: ${round(spacedCpuVsWs)}× the CPU per delivery of bare ws.`,
  );
  const at1000 = sizes.includes(1000)
    ? {
        deliveriesPerSecAt1000: sat('parley', 1000).deliveriesPerSec,
        vsWsAt1000: round(
          sat('parley', 1000).deliveriesPerSec / sat('bare ws', 1000).deliveriesPerSec,
        ),
        vsSocketIoAt1000: round(
          sat('parley', 1000).deliveriesPerSec / sat('socket.io', 1000).deliveriesPerSec,
        ),
        cpuVsBatchedWsAt1000: round(sat('parley', 1000).perCpuS / sat('batched ws', 1000).perCpuS),
      }
    : {};
  return {
    receivers: 200,
    deliveriesPerSec: parley.deliveriesPerSec,
    serverCpuS: parley.serverCpuS,
    perCpuS: parley.perCpuS,
    vsWs: round(vsWs),
    vsSocketIo: round(vsSocketIo),
    cpuVsBatchedWs: round(cpuVsBatchedWs),
    batchedWsPerCpuS: sat('batched ws').perCpuS,
    spacedCpuVsWs: round(spacedCpuVsWs),
    p50ms: spaced('parley').p50ms,
    p99ms: spaced('parley').p99ms,
    offeredPerSec: 20_000,
    shipped: {
      deliveriesPerSec: shipped.deliveriesPerSec,
      perCpuS: shipped.perCpuS,
      p99ms: shipped.p99ms,
    },
    ...at1000,
  };
}

async function persistSection(): Promise<Summary> {
  const sizes = [1_000, 100_000, 1_000_000];
  const persist: PersistResult[] = [];
  for (const n of sizes) persist.push(await runPersist(n, quick ? 200 : 500, quick ? 100 : 300));
  printTable(
    'Persistence: append (send→ack, fsync), fan-out and 50-message history page with N stored',
    persist.map((r) => ({ ...r })),
  );
  const naive = [await runSingleFileBaseline(1_000, 5), await runSingleFileBaseline(100_000, 5)];
  printTable(
    'Baseline: one lowdb file for all messages, one write per append',
    naive.map((r) => ({ ...r })),
  );
  const small = persist[0]!;
  const large = persist.at(-1)!;
  return {
    stored: large.stored,
    appendP99ms: large.appendP99ms,
    appendP99At1kms: small.appendP99ms,
    appendP99Ratio: round(large.appendP99ms / small.appendP99ms),
    eldMaxMs: Math.max(...persist.map((p) => p.eldMaxMs)),
    historyP99ms: large.historyP99ms,
    deepHistoryP99ms: large.deepP99ms,
    deepHistoryP50ms: large.deepP50ms,
    newestHistoryP99ms: large.newestP99ms,
    coldStartMs: large.coldStartMs,
    singleFileWriteMsAt100k: naive[1]!.writeP50ms,
  };
}

async function filesSection(): Promise<Summary> {
  const bytes = quick ? 256 * MiB : 1024 * MiB;
  const rounds = quick ? 1 : 3;
  const runs = await runFiles(bytes, rounds);
  printTable(
    `Files: one ${bytes / MiB} MiB upload then download over loopback` +
      `${quick ? ' (quick mode: 256 MiB, not 1 GiB)' : ''}; median of ${rounds}, peak RSS growth the worst`,
    runs.map((r) => ({ ...r })),
  );
  const pipe = runs.find((r) => r.server === 'plain pipe')!;
  const parley = runs.find((r) => r.server === 'Parley')!;
  return {
    fileMiB: bytes / MiB,
    uploadMBps: parley.uploadMBps,
    downloadMBps: parley.downloadMBps,
    uploadVsPipe: round(parley.uploadMBps / pipe.uploadMBps),
    downloadVsPipe: round(parley.downloadMBps / pipe.downloadMBps),
    rssGrowthMB: Math.max(parley.uploadRssGrowthMB, parley.downloadRssGrowthMB),
  };
}

async function renderSection(): Promise<Summary> {
  const seconds = quick ? 3 : 8;
  const r = await runRender(100_000, seconds);
  printTable(
    `Rendering: the web client in Chromium (1280×800), a room of 100,000 messages; scrolling up ${SCROLL_STEP} px per frame for ${seconds} s`,
    [{ ...r }],
  );
  return { ...r };
}

async function directorySection(): Promise<Summary> {
  const sizes = quick ? [10_000] : [10_000, 100_000];
  const rows: DirectoryResult[] = [];
  for (const n of sizes) rows.push(await runDirectory(n, quick ? 100 : 500, 1000));
  printTable(
    'Directory: N users seeded (all in r_general), the shipped server (default limits); registrations 10 at a time; 1000 returning users reconnecting at once',
    rows.map((r) => ({ ...r })),
  );
  const at10k = rows[0]!;
  const at100k = rows.find((r) => r.users === 100_000);
  return {
    welcomeBytesAt10k: at10k.welcomeBytes,
    welcomeBytesReturningAt10k: at10k.welcomeBytesReturning,
    registrationsPerSecAt10k: at10k.registrationsPerSec,
    reconnectStorm1000Ms: at10k.stormMs,
    reconnectStormRssGrowthMB: at10k.stormRssGrowthMB,
    reconnectStormCpuS: at10k.stormCpuS,
    ...(at100k
      ? {
          welcomeBytesAt100k: at100k.welcomeBytes,
          registrationsPerSecAt100k: at100k.registrationsPerSec,
          reconnectStorm1000MsAt100k: at100k.stormMs,
          reconnectStormRssGrowthMBAt100k: at100k.stormRssGrowthMB,
        }
      : {}),
  };
}

async function connectionsSection(): Promise<Summary> {
  const rows = await runConnections(1000);
  printTable(
    'Idle connections: (server memory with 1000 open − with none) / 1000, bytes, after a full GC',
    rows.map((r) => ({ ...r })),
  );
  const fresh = rows.find((r) => r.server === 'Parley, new users')!;
  const back = rows.find((r) => r.server === 'Parley, returning users')!;
  const io = rows.find((r) => r.server === 'Socket.IO')!;
  const ws = rows.find((r) => r.server === 'bare ws')!;
  return {
    connections: 1000,
    heapBytesPerIdleConnection: back.heapPerConnection,
    rssBytesPerIdleConnection: back.rssPerConnection,
    rssBytesPerIdleConnectionAt1s: back.rssPerConnectionAt1s,
    newUsers: { heapBytes: fresh.heapPerConnection, rssBytes: fresh.rssPerConnection },
    socketIo: { heapBytes: io.heapPerConnection, rssBytes: io.rssPerConnection },
    bareWs: { heapBytes: ws.heapPerConnection, rssBytes: ws.rssPerConnection },
  };
}

async function searchSection(): Promise<Summary> {
  // PARLEY_BENCH_SEARCH_N overrides the size (the machine may be too busy for a million).
  const stored = Number(process.env.PARLEY_BENCH_SEARCH_N) || (quick ? 100_000 : 1_000_000);
  const r = await runSearch(stored, quick ? 30 : 100);
  printTable('Search: MiniSearch in a worker vs a plain scan of the log', [{ ...r }]);
  printTable('Search targets', searchTargets(r));
  return { ...r };
}

async function main(): Promise<void> {
  const started = performance.now();
  out(`Parley benchmark (${quick ? 'quick' : 'full'}) — ${new Date().toISOString()}`);
  out(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${round(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`,
  );
  // Other work on the machine shows up in every figure; the load average says how much there was.
  const load = () =>
    loadavg()
      .map((l) => round(l, 1))
      .join(' / ');
  out(`Load average (1/5/15 min) at start: ${load()}`);
  const startLoad = loadavg()[0]!;
  let peakLoad = startLoad;
  const summary: Record<string, Summary> = {};
  const sections: Array<[string, () => Promise<Summary>]> = [
    ['fanout', fanoutSection],
    ['persist', persistSection],
    ['directory', directorySection],
    ['files', filesSection],
    ['connections', connectionsSection],
    ['render', renderSection],
    ['search', searchSection],
  ];
  for (const [name, run] of sections) {
    if (!enabled(name)) continue;
    const t0 = performance.now();
    summary[name] = await run();
    peakLoad = Math.max(peakLoad, loadavg()[0]!);
    out(`(${name}: ${round((performance.now() - t0) / 1000, 0)} s; load average now ${load()})`);
  }
  // Figures taken while the machine runs more than it has cores measure the other work too.
  const busiest = Math.max(peakLoad, loadavg()[0]!);
  const unusable = busiest > cpus().length;
  printTable(
    'Targets',
    checkTargets(summary, unusable).map((r) => ({ ...r })),
  );
  if (unusable) {
    out(
      `\nThe 1-minute load average reached ${round(busiest, 1)} on ${cpus().length} cores: other work ` +
        'shared the machine, so wall-clock figures (throughput, latency, times) are unusable and get ' +
        'no verdict. Ratios of server CPU seconds, sizes and memory (marked yes/NO) still hold. ' +
        'Run again on a quiet machine.',
    );
  }
  summary.load = {
    start: round(startLoad, 2),
    end: round(loadavg()[0]!, 2),
    cores: cpus().length,
    unusable,
  };
  out(
    `\nTotal: ${round((performance.now() - started) / 1000, 0)} s; load average at end: ${load()}`,
  );
  out(JSON.stringify(summary));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);

/**
 * npm run bench [-- --quick]: measures Parley against baselines run side by side in this run.
 * Prints tables, then one JSON line (the last line of stdout) with the headline figures.
 */
import { cpus, totalmem } from 'node:os';
import { runFanout, type FanoutResult, type Load } from './fanout.js';
import { runPersist, runSingleFileBaseline, type PersistResult } from './persist.js';
import { printTable, round } from './stats.js';

const quick = process.argv.includes('--quick');
const out = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  out(`Parley benchmark (${quick ? 'quick' : 'full'}) — ${new Date().toISOString()}`);
  out(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${round(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`,
  );

  // 1. Fan-out: same harness, same receivers, three servers.
  const seconds = quick ? 4 : 8;
  const sizes = quick ? [200] : [200, 1000];
  const fanout: FanoutResult[] = [];
  for (const receivers of sizes) {
    const loads: Load[] = [{ perSecond: Math.round(20_000 / receivers) }, 'saturation'];
    for (const load of loads) {
      fanout.push(
        await runFanout('parley', { kind: 'parley', durable: true }, receivers, load, seconds),
      );
      fanout.push(
        await runFanout(
          'parley, unbatched',
          { kind: 'parley', durable: true, batchFrames: false },
          receivers,
          load,
          seconds,
        ),
      );
      fanout.push(await runFanout('bare ws', { kind: 'ws' }, receivers, load, seconds));
    }
  }
  printTable(
    'Fan-out: one room, 100-byte messages, persistence on (fsync) for Parley',
    fanout.map((r) => ({ ...r })),
  );
  const sat = (server: string, receivers = 200) =>
    fanout.find(
      (r) => r.server === server && r.receivers === receivers && r.mode === 'saturation',
    )!;
  const offered = fanout.find(
    (r) => r.server === 'parley' && r.receivers === 200 && r.mode !== 'saturation',
  )!;
  const vsWs = sat('parley').deliveriesPerSec / sat('bare ws').deliveriesPerSec;
  const vsUnbatched = sat('parley').deliveriesPerSec / sat('parley, unbatched').deliveriesPerSec;
  out(
    `\nAt 200 receivers, saturated: Parley ${sat('parley').deliveriesPerSec}/s = ${round(vsWs)}× bare ws, ${round(vsUnbatched)}× Parley without batching.`,
  );

  // 2. Persistence: flat append cost as history grows.
  const persistSizes = quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000];
  const persist: PersistResult[] = [];
  for (const n of persistSizes) persist.push(await runPersist(n, quick ? 200 : 500));
  printTable(
    'Persistence: append (send→ack, fsync), fan-out and 50-message history page with N stored',
    persist.map((r) => ({ ...r })),
  );
  const naive = [await runSingleFileBaseline(1_000, 5), await runSingleFileBaseline(100_000, 5)];
  printTable(
    'Baseline: one lowdb file for all messages, one write per append',
    naive.map((r) => ({ ...r })),
  );
  const parleyRuns = fanout.filter((r) => r.server === 'parley');
  const small = persist[0]!;
  const large = persist.at(-1)!;

  out(
    JSON.stringify({
      fanout: {
        deliveriesPerSec: sat('parley').deliveriesPerSec,
        vsWs: round(vsWs),
        vsUnbatched: round(vsUnbatched),
        p99ms: offered.p99ms,
        offeredPerSec: 20_000,
      },
      persist: {
        stored: large.stored,
        appendP99ms: large.appendP99ms,
        appendP99Ratio: round(large.appendP99ms / small.appendP99ms),
        eldMaxMs: Math.max(...persist.map((p) => p.eldMaxMs)),
        historyP99ms: large.historyP99ms,
        coldStartMs: large.coldStartMs,
        singleFileWriteMsAt100k: naive[1]!.writeP50ms,
      },
      connections: {
        heapBytesPerIdleConnection: Math.max(...parleyRuns.map((r) => r.heapPerConnection)),
        rssBytesPerIdleConnection: Math.max(...parleyRuns.map((r) => r.rssPerConnection)),
      },
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);

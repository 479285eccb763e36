/** The targets from the benchmarks issue, checked against one run's summary. */

type Section = Record<string, unknown> | undefined;

/** One target: what was asked, what this run measured, and whether it holds. */
export interface TargetRow {
  target: string;
  measured: string;
  met: 'yes' | 'NO' | 'n/a' | 'unusable';
}

const num = (s: Section, k: string): number => {
  const v = s?.[k];
  return typeof v === 'number' ? v : NaN;
};

/**
 * Compares each headline figure with its target; n/a where the section did not run. When the
 * machine was overloaded (`unusable`), wall-clock figures get no verdict: they measure the other
 * work as much as ours. Ratios of CPU seconds still do.
 */
export function checkTargets(summary: Record<string, Section>, unusable = false): TargetRow[] {
  const { fanout, persist, files, render, connections, directory } = summary;
  const rows: TargetRow[] = [];
  const check = (
    target: string,
    s: Section,
    value: number,
    ok: boolean,
    unit = '',
    loadIndependent = false,
  ) =>
    rows.push({
      target,
      measured: s && Number.isFinite(value) ? `${value}${unit}` : 'not measured',
      met:
        !s || !Number.isFinite(value)
          ? 'n/a'
          : unusable && !loadIndependent
            ? 'unusable'
            : ok
              ? 'yes'
              : 'NO',
    });
  const cpuVsB = num(fanout, 'cpuVsBatchedWs');
  check(
    'fan-out @200, saturated: deliveries per CPU-s ≥ 0.8× batched ws',
    fanout,
    cpuVsB,
    cpuVsB >= 0.8,
    '×',
    true,
  );
  const cpuVsB1000 = num(fanout, 'cpuVsBatchedWsAt1000');
  if (Number.isFinite(cpuVsB1000))
    check('… at 1000 receivers', fanout, cpuVsB1000, cpuVsB1000 >= 0.8, '×', true);
  const spacedCpu = num(fanout, 'spacedCpuVsWs');
  check(
    'one message per turn: CPU per delivery ≤ 1.2× bare ws',
    fanout,
    spacedCpu,
    spacedCpu <= 1.2,
    '×',
    true,
  );
  const vsIo = num(fanout, 'vsSocketIo');
  check('fan-out @200, saturated: ≥ 3× Socket.IO', fanout, vsIo, vsIo >= 3, '×');
  const vsWs = num(fanout, 'vsWs');
  check('fan-out @200, saturated: ≥ 5× bare ws', fanout, vsWs, vsWs >= 5, '×');
  const p99 = num(fanout, 'p99ms');
  check(
    'fan-out p99 at 20k deliveries/s offered (one per turn) < 10 ms',
    fanout,
    p99,
    p99 < 10,
    ' ms',
  );
  const ratio = num(persist, 'appendP99Ratio');
  const n = num(persist, 'stored');
  const stored = Number.isFinite(n) ? n.toLocaleString('en-US') : 'the most';
  check(`append p99 with ${stored} stored ≤ 1.5× with 1k`, persist, ratio, ratio <= 1.5, '×');
  const eld = num(persist, 'eldMaxMs');
  check('no event-loop pause over 50 ms (persistence runs)', persist, eld, eld <= 50, ' ms');
  const page = num(persist, 'historyP99ms');
  check(`history page p99 at ${stored} stored < 10 ms`, persist, page, page < 10, ' ms');
  const deep = num(persist, 'deepHistoryP99ms');
  check(
    `history page p99 from random depths at ${stored} < 10 ms`,
    persist,
    deep,
    deep < 10,
    ' ms',
  );
  const welcome = num(directory, 'welcomeBytesAt10k');
  check('welcome at 10k users < 50 KB', directory, welcome, welcome < 50 * 1024, ' B', true);
  const reg = num(directory, 'registrationsPerSecAt10k');
  check('registrations at 10k users ≥ 400/s', directory, reg, reg >= 400, '/s');
  const storm = num(directory, 'reconnectStorm1000Ms');
  check(
    '1000 returning users reconnecting at once: all served < 3 s',
    directory,
    storm,
    storm < 3000,
    ' ms',
  );
  const stormRss = num(directory, 'reconnectStormRssGrowthMB');
  check('… server RSS growth < 200 MB', directory, stormRss, stormRss < 200, ' MB', true);
  const up = num(files, 'uploadVsPipe');
  check('upload ≥ 50% of a plain pipe', files, up, up >= 0.5, '×');
  const down = num(files, 'downloadVsPipe');
  check('download ≥ 50% of a plain pipe', files, down, down >= 0.5, '×');
  const rss = num(files, 'rssGrowthMB');
  check('server RSS growth during a transfer < 100 MB', files, rss, rss < 100, ' MB', true);
  const signIn = num(render, 'signInToRoomMs');
  check('room shown < 500 ms (sign in → newest row)', render, signIn, signIn < 500, ' ms');
  const sw = num(render, 'switchToRoomMs');
  check('room shown < 500 ms (click in sidebar → newest row)', render, sw, sw < 500, ' ms');
  const reload = num(render, 'reloadToRoomMs');
  check('room shown < 500 ms (reload → newest row)', render, reload, reload < 500, ' ms');
  const nodes = num(render, 'listNodes');
  check('< 300 DOM nodes in the list', render, nodes, nodes < 300, '', true);
  const idle = num(connections, 'rssBytesPerIdleConnection');
  check(
    'idle connection < 64 KB server RSS (settled)',
    connections,
    idle,
    idle < 64 * 1024,
    ' B',
    true,
  );
  const idle1s = num(connections, 'rssBytesPerIdleConnectionAt1s');
  check('… and 1 s after connecting', connections, idle1s, idle1s < 64 * 1024, ' B');
  return rows;
}

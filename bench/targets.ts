/** The targets from the benchmarks issue, checked against one run's summary. */

type Section = Record<string, unknown> | undefined;

/** One target: what was asked, what this run measured, and whether it holds. */
export interface TargetRow {
  target: string;
  measured: string;
  met: 'yes' | 'NO' | 'n/a';
}

const num = (s: Section, k: string): number => {
  const v = s?.[k];
  return typeof v === 'number' ? v : NaN;
};

/** Compares each headline figure with its target; n/a where the section did not run. */
export function checkTargets(summary: Record<string, Section>): TargetRow[] {
  const { fanout, persist, files, render, connections } = summary;
  const rows: TargetRow[] = [];
  const check = (target: string, s: Section, value: number, ok: boolean, unit = '') =>
    rows.push({
      target,
      measured: s && Number.isFinite(value) ? `${value}${unit}` : 'not measured',
      met: !s || !Number.isFinite(value) ? 'n/a' : ok ? 'yes' : 'NO',
    });
  const vsIo = num(fanout, 'vsSocketIo');
  check('fan-out @200, saturated: ≥ 3× Socket.IO', fanout, vsIo, vsIo >= 3, '×');
  const vsWs = num(fanout, 'vsWs');
  check('fan-out @200, saturated: ≥ 5× bare ws', fanout, vsWs, vsWs >= 5, '×');
  const p99 = num(fanout, 'p99ms');
  check('fan-out p99 at 20k deliveries/s offered < 20 ms', fanout, p99, p99 < 20, ' ms');
  const ratio = num(persist, 'appendP99Ratio');
  const n = num(persist, 'stored');
  const stored = Number.isFinite(n) ? n.toLocaleString('en-US') : 'the most';
  check(`append p99 with ${stored} stored ≤ 1.5× with 1k`, persist, ratio, ratio <= 1.5, '×');
  const eld = num(persist, 'eldMaxMs');
  check('no event-loop pause over 50 ms (persistence runs)', persist, eld, eld <= 50, ' ms');
  const page = num(persist, 'historyP99ms');
  check(`history page p99 at ${stored} stored < 10 ms`, persist, page, page < 10, ' ms');
  const up = num(files, 'uploadVsPipe');
  check('upload ≥ 50% of a plain pipe', files, up, up >= 0.5, '×');
  const down = num(files, 'downloadVsPipe');
  check('download ≥ 50% of a plain pipe', files, down, down >= 0.5, '×');
  const rss = num(files, 'rssGrowthMB');
  check('server RSS growth during a transfer < 100 MB', files, rss, rss < 100, ' MB');
  const signIn = num(render, 'signInToRoomMs');
  check('room shown < 500 ms (sign in → newest row)', render, signIn, signIn < 500, ' ms');
  const sw = num(render, 'switchToRoomMs');
  check('room shown < 500 ms (click in sidebar → newest row)', render, sw, sw < 500, ' ms');
  const reload = num(render, 'reloadToRoomMs');
  check('room shown < 500 ms (reload → newest row)', render, reload, reload < 500, ' ms');
  const nodes = num(render, 'listNodes');
  check('< 300 DOM nodes in the list', render, nodes, nodes < 300);
  const idle = num(connections, 'rssBytesPerIdleConnection');
  check('idle connection < 64 KB server RSS (settled)', connections, idle, idle < 64 * 1024, ' B');
  const idle1s = num(connections, 'rssBytesPerIdleConnectionAt1s');
  check('… and 1 s after connecting', connections, idle1s, idle1s < 64 * 1024, ' B');
  return rows;
}

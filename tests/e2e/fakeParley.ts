/**
 * A scripted ChatApi installed as `window.parley` before the app loads, standing in for the
 * desktop preload. It drives what a browser guest cannot reach (hosting, several servers) and
 * sizes no real server should need in a test (a room of 100 000 messages). Runs in the page:
 * it must not use anything from outside the function.
 */
export interface FakeOptions {
  /** 'start': nothing signed in yet; 'main': signed in on the hosted server. */
  start: 'start' | 'main';
  /** Messages in the #big room. */
  bigRoom: number;
  maxUploadBytes: number;
}

/** What the test can read back from the page. */
export interface FakeControl {
  calls: Array<{ name: string; args: unknown }>;
  uploads: string[];
}

export function installFakeParley(opts: FakeOptions): void {
  type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- page-side script, typed loosely on purpose
  const now = Date.now();
  const user = (id: string, name: string, color: string, status = 'online') => ({
    id,
    name,
    avatar: { color },
    status,
  });
  const me = user('u_dana0001', 'Dana', '#1c7ed6');
  const users = [
    me,
    user('u_alice001', 'Alice', '#e8590c'),
    user('u_bob00001', 'Bob', '#2b8a3e'),
    user('u_chen0001', 'Chen', '#ae3ec9', 'away'),
    user('u_eve00001', 'Eve', '#868e96', 'offline'),
  ];
  const room = (id: string, name: string, extra: Any = {}) => ({
    id,
    kind: 'room',
    name,
    topic: '',
    members: users.map((u) => u.id),
    memberCount: users.length,
    joined: true,
    lastSeq: 0,
    readSeq: 0,
    unread: 0,
    mentions: 0,
    muted: false,
    typing: [],
    ...extra,
  });
  const msg = (seq: number, authorId: string, text: string, ts: number, extra: Any = {}) => ({
    roomId: 'r_general',
    seq,
    ts,
    authorId,
    clientId: `c${seq}`,
    text,
    reactions: {},
    status: 'sent',
    ...extra,
  });
  const general = [
    msg(
      1,
      'u_alice001',
      'Morning all! The **release notes** are in `docs/release.md`.',
      now - 26 * 3600e3,
    ),
    msg(2, 'u_bob00001', 'Thanks! > quoting is fun\n> like this', now - 26 * 3600e3 + 60e3),
    msg(3, 'u_chen0001', 'Deploy went fine ~~mostly~~ 🎉', now - 3600e3, {
      reactions: { '🎉': ['u_alice001', 'u_dana0001'], '👀': ['u_bob00001'] },
    }),
    msg(4, 'u_chen0001', 'Here is the plan:\n```\nnpm run build\nnpm run dist\n```', now - 3590e3),
    msg(5, 'u_alice001', 'Mockup attached', now - 1800e3, {
      file: { id: 'f_mockup01', name: 'design-v2.pdf', size: 2_400_000, type: 'application/pdf' },
    }),
    msg(6, 'u_bob00001', '@Dana can you review [the PR](https://example.com/pr/42)?', now - 600e3),
    msg(7, 'u_dana0001', 'On it', now - 300e3, { editedAt: now - 200e3 }),
    msg(8, 'u_dana0001', 'This one could not be sent', now - 60e3, {
      seq: 0,
      clientId: 'c-failed',
      status: 'failed',
      error: 'Not a member of this room',
    }),
  ];
  const big: Any[] = [];
  for (let i = 1; i <= opts.bigRoom; i++) {
    const author = users[i % 4]!.id;
    big.push({
      roomId: 'r_big00001',
      seq: i,
      ts: now - (opts.bigRoom - i) * 30e3,
      authorId: author,
      clientId: `b${i}`,
      text: `Message #${i} ${i % 7 === 0 ? 'with a longer line of text to wrap across the width of the list maybe, as real chat does from time to time' : 'short'}`,
      reactions: {},
      status: 'sent',
    });
  }
  // A room that pages: 150 loaded, 100 older on the "server".
  const paged: Any[] = [];
  for (let i = 1; i <= 250; i++)
    paged.push({
      roomId: 'r_paged001',
      seq: i,
      ts: now - (250 - i) * 60e3,
      authorId: users[(i % 3) + 1]!.id,
      clientId: `p${i}`,
      text: `Paged message ${i}`,
      reactions: {},
      status: 'sent',
    });
  let pagedFrom = 100;

  const rooms = [
    room('r_general', 'general', { topic: 'Everyone on this server', lastSeq: 7, readSeq: 5 }),
    room('r_big00001', 'big', {
      topic: 'A very long history',
      lastSeq: opts.bigRoom,
      readSeq: opts.bigRoom,
    }),
    room('r_paged001', 'paged', { lastSeq: 250, readSeq: 250 }),
    room('r_design01', 'design', { lastSeq: 3, unread: 3, muted: true }),
    room('r_random01', 'random', { lastSeq: 9, unread: 4, mentions: 2 }),
    {
      ...room('d_alice001', '', { kind: 'dm', lastSeq: 1, unread: 1, mentions: 1 }),
      dmUserId: 'u_alice001',
    },
  ];
  // A certificate fingerprint and its words (as fingerprintWords gives them).
  const identity = {
    fingerprint: '2e6fec52c5956af136b5990003a63e2d398a893b20f33296150761659' + '7f3809b',
    words: ['cactus', 'island', 'tomato', 'hazel', 'saddle', 'juggle', 'bamboo', 'salmon'],
  };
  const hosted: Any = {
    id: 'sv_hosted',
    url: 'https://192.168.1.20:4747',
    name: 'Studio',
    status: opts.start === 'main' ? 'online' : 'signed-out',
    hosted: true,
    encrypted: true,
    identity,
    token: 'tok',
    info: {
      name: 'Studio',
      version: '0.1.0',
      protocol: 1,
      passwordRequired: false,
      maxUploadBytes: opts.maxUploadBytes,
    },
    ...(opts.start === 'main' ? { me } : {}),
    rooms: opts.start === 'main' ? rooms : [],
    otherRooms: [
      {
        id: 'r_music001',
        kind: 'room',
        name: 'music',
        topic: 'What we listen to',
        members: ['u_bob00001'],
        memberCount: 1,
        joined: false,
        lastSeq: 40,
        readSeq: 0,
      },
    ],
    users: opts.start === 'main' ? users : [],
    userCount: opts.start === 'main' ? users.length : 0,
  };
  const homeLab: Any = {
    id: 'sv_homelab',
    url: 'http://10.0.0.5:4747',
    name: 'Home lab',
    status: 'signed-out',
    hosted: false,
    // A server run with --tls off and no proxy: the UI says it is not encrypted.
    encrypted: false,
    rooms: [],
    otherRooms: [],
    users: [],
    userCount: 0,
  };
  let state: Any = {
    ready: true,
    capabilities: { host: true, multiServer: true },
    // Found on the LAN by mDNS: joining one still checks its identity words.
    discovered: [
      {
        id: 'Design (mac-mini:4747)._parley._tcp.local',
        name: 'Design',
        url: 'https://10.0.0.9:4747',
        protocol: 2,
        fingerprint: identity.fingerprint,
        access: 'password',
      },
    ],
    servers: opts.start === 'main' ? [hosted, homeLab] : [homeLab],
    transfers: [],
    ...(opts.start === 'main'
      ? {
          hosting: {
            serverId: 'sv_hosted',
            name: 'Studio',
            port: 4747,
            lanUrls: ['https://192.168.1.20:4747/'],
            passwordRequired: false,
            identity,
          },
        }
      : {}),
  };
  const control = { calls: [] as Any[], uploads: [] as string[] };
  (window as Any).__fake = control;
  const stateListeners = new Set<(s: Any) => void>();
  const timelineListeners = new Map<string, Set<(t: Any) => void>>();
  const emit = () => {
    state = { ...state };
    setTimeout(() => stateListeners.forEach((l) => l(state)), 0);
  };
  const timelineOf = (roomId: string) => {
    if (roomId === 'r_big00001')
      return {
        serverId: 'sv_hosted',
        roomId,
        messages: big,
        hasOlder: false,
        hasNewer: false,
        loading: false,
        readSeq: opts.bigRoom,
      };
    if (roomId === 'r_paged001')
      return {
        serverId: 'sv_hosted',
        roomId,
        messages: paged.slice(pagedFrom),
        hasOlder: pagedFrom > 0,
        hasNewer: false,
        loading: false,
        readSeq: 250,
      };
    if (roomId === 'r_general')
      return {
        serverId: 'sv_hosted',
        roomId,
        messages: general,
        hasOlder: false,
        hasNewer: false,
        loading: false,
        readSeq: 5,
      };
    return {
      serverId: 'sv_hosted',
      roomId,
      messages: [],
      hasOlder: false,
      hasNewer: false,
      loading: false,
      readSeq: 0,
    };
  };
  const emitTimeline = (roomId: string) =>
    setTimeout(() => timelineListeners.get(roomId)?.forEach((l) => l(timelineOf(roomId))), 0);

  // Desktop settings as main keeps them (settings/desktopSettings.ts).
  const desktop = { launchAtLogin: false, closeToTray: true, downloadsDir: '/home/dana/Downloads' };
  (window as Any).parley = {
    onState(l: Any) {
      stateListeners.add(l);
      l(state);
      return () => stateListeners.delete(l);
    },
    onTimeline(_serverId: string, roomId: string, l: Any) {
      let set = timelineListeners.get(roomId);
      if (!set) timelineListeners.set(roomId, (set = new Set()));
      set.add(l);
      l(timelineOf(roomId));
      return () => set.delete(l);
    },
    onNotice: () => () => undefined,
    onOpenRoom: () => () => undefined,
    async call(name: string, args: Any) {
      control.calls.push({ name, args });
      if (name === 'getDesktopSettings' || name === 'setDesktopSettings') {
        if (args.launchAtLogin !== undefined) desktop.launchAtLogin = args.launchAtLogin;
        if (args.closeToTray !== undefined) desktop.closeToTray = args.closeToTray;
        if (args.defaultDownloads) desktop.downloadsDir = '/home/dana/Downloads';
        return { ...desktop };
      }
      if (name === 'chooseDownloadsFolder') {
        desktop.downloadsDir = '/home/dana/Incoming files';
        return { ...desktop };
      }
      if (name === 'host') {
        hosted.status = 'signed-out';
        hosted.name = args.name;
        state.servers = [hosted, homeLab];
        state.hosting = {
          serverId: 'sv_hosted',
          name: args.name,
          port: args.port,
          lanUrls: ['https://192.168.1.20:4747/'],
          passwordRequired: !!args.password,
          identity,
        };
        emit();
        return { serverId: 'sv_hosted' };
      }
      if (name === 'signIn' && args.serverId === 'sv_hosted') {
        Object.assign(hosted, {
          status: 'online',
          me: { ...me, name: args.name },
          rooms,
          users: [{ ...me, name: args.name }, ...users.slice(1)],
        });
        emit();
        return undefined;
      }
      if (name === 'loadOlder' && args.roomId === 'r_paged001') {
        pagedFrom = Math.max(0, pagedFrom - 50);
        emitTimeline('r_paged001');
        return undefined;
      }
      // Rejections arrive as plain objects, as they do through contextBridge.
      if (name === 'addServer' && args.address === 'nope')
        return Promise.reject({
          code: 'offline',
          message: 'No Parley server answered at http://nope:4747.',
        });
      if (name === 'addServer') return { serverId: 'sv_homelab' };
      if (name === 'join' && args.url === 'nope')
        return Promise.reject({
          code: 'offline',
          message: 'No Parley server answered at https://nope:4747.',
        });
      // A first join asks to compare the words; with the fingerprint, it joins.
      if (name === 'join' && !args.fingerprint)
        return { confirm: { url: 'https://10.0.0.9:4747', ...identity } };
      if (name === 'join') return { serverId: 'sv_homelab' };
      if (name === 'openDm') return { roomId: 'd_alice001' };
      if (name === 'searchUsers') {
        const q = String(args.query).toLowerCase();
        const found = users.filter((u) => u.name.toLowerCase().includes(q));
        return { users: found, total: users.length };
      }
      return undefined;
    },
    async upload(_target: Any, file: Any) {
      control.uploads.push(file.name);
      return 't1';
    },
  };
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, HOST_USAGE, parseHostArgs } from '../../../../electron/server/hostArgs.js';

describe('parseHostArgs', () => {
  it('uses defaults when no arguments are given', () => {
    const env = { XDG_CONFIG_HOME: '/xdg', APPDATA: '/appdata' };
    expect(parseHostArgs([], env)).toEqual({ port: 4747, dataDir: defaultDataDir(env) });
    const opts = parseHostArgs([], env);
    expect(Object.keys(opts).sort()).toEqual(['dataDir', 'port']);
  });

  it('takes the data directory from PARLEY_DATA when --data is absent', () => {
    expect(parseHostArgs([], { PARLEY_DATA: '/srv/parley' })).toEqual({
      port: 4747,
      dataDir: '/srv/parley',
    });
  });

  it('prefers --data over PARLEY_DATA', () => {
    expect(parseHostArgs(['--data', '/cli'], { PARLEY_DATA: '/env' })).toMatchObject({
      dataDir: '/cli',
    });
  });

  it('reads every flag', () => {
    const opts = parseHostArgs(
      [
        '--port',
        '0',
        '--data',
        '/d',
        '--name',
        'Team room',
        '--host',
        '127.0.0.1',
        '--password',
        's3cret',
        '--max-upload-mb',
        '1.5',
      ],
      {},
    );
    expect(opts).toEqual({
      port: 0,
      dataDir: '/d',
      name: 'Team room',
      host: '127.0.0.1',
      password: 's3cret',
      maxUploadBytes: Math.floor(1.5 * 1024 * 1024),
    });
  });

  it('reads --updates as an absolute folder, and refuses an empty one', () => {
    expect(parseHostArgs(['--updates', 'release'], {})).toMatchObject({
      updatesDir: join(process.cwd(), 'release'),
    });
    expect(() => parseHostArgs(['--updates', ' '], {})).toThrow(/--updates must name a folder/);
    expect(HOST_USAGE).toContain('--updates');
  });

  it('reads --owner and refuses an empty one', () => {
    expect(parseHostArgs(['--owner', ' Olga '], {})).toMatchObject({ owner: 'Olga' });
    expect(() => parseHostArgs(['--owner', ' '], {})).toThrow(/--owner needs a name/);
  });

  it('accepts --flag=value form', () => {
    expect(parseHostArgs(['--port=8080', '--data=/x', '--max-upload-mb=10'], {})).toEqual({
      port: 8080,
      dataDir: '/x',
      maxUploadBytes: 10 * 1024 * 1024,
    });
  });

  it('accepts the port range bounds', () => {
    expect(parseHostArgs(['--port', '65535', '--data', '/d'], {})).toMatchObject({ port: 65535 });
    expect(parseHostArgs(['--port', '0', '--data', '/d'], {})).toMatchObject({ port: 0 });
  });

  it.each([['--help'], ['-h'], ['--port', '1', '--help']])('returns help for %j', (...argv) => {
    expect(parseHostArgs(argv, {})).toBe('help');
  });

  it('documents every flag in the usage text', () => {
    for (const flag of ['--port', '--data', '--name', '--host', '--password', '--max-upload-mb'])
      expect(HOST_USAGE).toContain(flag);
  });

  it.each(['abc', '65536', '1.5', '--port=-1', 'NaN', 'Infinity'])(
    'refuses port %j with a readable message',
    (value) => {
      const argv = value.startsWith('--') ? [value] : ['--port', value];
      expect(() => parseHostArgs(argv, {})).toThrow(
        /--port must be a whole number from 0 to 65535/,
      );
    },
  );

  // Number('') is 0, so an empty --port silently picks a random port instead of being refused.
  it('refuses an empty port', () => {
    expect(() => parseHostArgs(['--port='], {})).toThrow(/--port/);
  });

  it.each(['0', 'abc', '--max-upload-mb=-5', 'Infinity'])('refuses max upload %j', (value) => {
    const argv = value.startsWith('--') ? [value] : ['--max-upload-mb', value];
    expect(() => parseHostArgs(argv, {})).toThrow(/--max-upload-mb must be a positive number/);
  });

  it('refuses a name longer than 80 characters, counted after trimming', () => {
    expect(() => parseHostArgs(['--name', 'n'.repeat(81)], {})).toThrow(
      /--name must be at most 80 characters/,
    );
    expect(parseHostArgs(['--name', `  ${'n'.repeat(80)}  `, '--data', '/d'], {})).toMatchObject({
      port: 4747,
    });
  });

  it('refuses an unknown flag', () => {
    expect(() => parseHostArgs(['--verbose'], {})).toThrow(/--verbose/);
  });

  it('refuses a flag without its value', () => {
    expect(() => parseHostArgs(['--port'], {})).toThrow(/--port/);
  });

  it('refuses positional arguments', () => {
    expect(() => parseHostArgs(['4747'], {})).toThrow(/4747/);
  });
});

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on linux', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.cfg' }, 'linux')).toBe(
      join('/home/a/.cfg', 'Parley', 'server'),
    );
  });

  it('falls back to ~/.config on linux', () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Parley', 'server'));
  });

  it('uses Application Support on darwin, ignoring XDG and APPDATA', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x', APPDATA: '/y' }, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Parley', 'server'),
    );
  });

  it('uses APPDATA on win32', () => {
    expect(defaultDataDir({ APPDATA: '/roaming', XDG_CONFIG_HOME: '/x' }, 'win32')).toBe(
      join('/roaming', 'Parley', 'server'),
    );
  });

  it('falls back to AppData/Roaming under the home folder on win32', () => {
    expect(defaultDataDir({}, 'win32')).toBe(
      join(homedir(), 'AppData', 'Roaming', 'Parley', 'server'),
    );
  });
});

describe('transport flags', () => {
  it("leaves TLS and discovery to the server's defaults (on) when not told", () => {
    const o = parseHostArgs([], { PARLEY_DATA: '/d' });
    expect(o).not.toHaveProperty('tls');
    expect(o).not.toHaveProperty('discovery');
    expect(o).not.toHaveProperty('trustProxy');
  });
  it('takes --cert/--key together, --tls off, --trust-proxy and --no-discovery', () => {
    expect(
      parseHostArgs(['--cert', 'c.pem', '--key', 'k.pem'], { PARLEY_DATA: '/d' }),
    ).toMatchObject({
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
    });
    expect(
      parseHostArgs(['--tls', 'off', '--trust-proxy', '--no-discovery'], { PARLEY_DATA: '/d' }),
    ).toMatchObject({ tls: 'off', trustProxy: true, discovery: false });
  });
  it('refuses half a certificate, an unknown --tls value, and files with TLS off', () => {
    expect(() => parseHostArgs(['--cert', 'c.pem'])).toThrow('--cert and --key go together');
    expect(() => parseHostArgs(['--tls', 'maybe'])).toThrow('--tls takes "off"');
    expect(() => parseHostArgs(['--tls', 'off', '--cert', 'c', '--key', 'k'])).toThrow(
      '--tls off serves plain http',
    );
  });
});

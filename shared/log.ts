/** Log levels in increasing severity; `silent` turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Where log lines go; injectable so tests and the desktop app can capture them. */
export type LogSink = (
  level: Exclude<LogLevel, 'silent'>,
  scope: string,
  msg: string,
  extra?: unknown,
) => void;

/** The one small logger used by library code instead of console.*. */
export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
  child(scope: string): Logger;
}

/* eslint-disable no-console -- the default sink is the one place console output belongs */
const consoleSink: LogSink = (level, scope, msg, extra) => {
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}`;
  if (extra === undefined) console[level === 'debug' ? 'log' : level](line);
  else console[level === 'debug' ? 'log' : level](line, extra);
};
/* eslint-enable no-console */

/** Creates a logger for a scope at a minimum level. */
export function createLogger(
  scope: string,
  level: LogLevel = 'info',
  sink: LogSink = consoleSink,
): Logger {
  const min = ORDER[level];
  const at =
    (l: Exclude<LogLevel, 'silent'>) =>
    (msg: string, extra?: unknown): void => {
      if (ORDER[l] >= min) sink(l, scope, msg, extra);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub) => createLogger(`${scope}:${sub}`, level, sink),
  };
}

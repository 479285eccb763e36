import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../shared/log.js';
import {
  handleUncaughtErrors,
  MAX_ERRORS_PER_WINDOW,
  WINDOW_MS,
} from '../../../../electron/lifecycle/uncaughtErrors.js';

describe('uncaught errors in main', () => {
  it('logs each one and keeps running; restarts once when they keep coming', () => {
    const proc = new EventEmitter();
    const logged: string[] = [];
    const log = createLogger('t', 'debug', (level, _s, msg) => {
      if (level === 'error') logged.push(msg);
    });
    let now = 0;
    let restarts = 0;
    const stop = handleUncaughtErrors({
      process: proc as never,
      log,
      restart: () => restarts++,
      now: () => now,
    });
    for (let i = 0; i < MAX_ERRORS_PER_WINDOW; i++)
      proc.emit('uncaughtException', new Error(`boom ${i}`));
    expect(restarts).toBe(0);
    // A minute later the earlier ones no longer count.
    now += WINDOW_MS;
    proc.emit('unhandledRejection', new Error('late'));
    expect(restarts).toBe(0);
    for (let i = 0; i < MAX_ERRORS_PER_WINDOW; i++)
      proc.emit('unhandledRejection', new Error(`again ${i}`));
    expect(restarts).toBe(1);
    proc.emit('uncaughtException', new Error('more'));
    expect(restarts).toBe(1);
    expect(logged.filter((m) => m.startsWith('uncaught'))).toHaveLength(
      2 * MAX_ERRORS_PER_WINDOW + 2,
    );
    stop();
    expect(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection')).toBe(
      0,
    );
  });
});

// Module hooks for the packaging test: records every file: URL Node loads (ESM) into the file
// named by PARLEY_LOAD_LOG, so the test can see which shipped files really run.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

if (process.env.PARLEY_LOAD_LOG && !process.env.PARLEY_HOOKS_THREAD) {
  register(import.meta.url, { data: process.env.PARLEY_LOAD_LOG });
}

let logFile;
export function initialize(data) {
  logFile = data;
}
export async function load(url, context, next) {
  if (logFile && url.startsWith('file:')) appendFileSync(logFile, `${url}\n`);
  return next(url, context);
}

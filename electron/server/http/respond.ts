import type { ServerResponse } from 'node:http';
import { HTTP_STATUS, ParleyError, type ErrorCode } from '../../../shared/protocol/index.js';

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

/** Sends the standard error body `{error, message}` with the code's status. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, HTTP_STATUS[code], { error: code, message });
}

/** Maps a thrown error onto an error response. */
export function sendFailure(res: ServerResponse, err: unknown): void {
  if (err instanceof ParleyError) sendError(res, err.code, err.message);
  else sendError(res, 'internal', 'Something went wrong on the server.');
}

/**
 * The servers Parley is compared with, each as small as it can honestly be. They run in
 * bench/serverProcess, the same way as Parley.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import { syncingWriteStream } from '../electron/server/store/syncingWriter.js';

/** The room every Socket.IO receiver joins and every message is broadcast to. */
export const SOCKET_IO_ROOM = 'bench';

const listen = (http: Server) =>
  new Promise<number>((resolve) =>
    http.listen(0, '127.0.0.1', () => resolve((http.address() as AddressInfo).port)),
  );

/** A bare ws broadcast server: one send per client per message. */
export async function startWsBaseline(): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      for (const c of wss.clients) c.send(data, { binary: isBinary });
    });
  });
  await new Promise((r) => wss.once('listening', r));
  return (wss.address() as AddressInfo).port;
}

/**
 * The batched ws anchor: the limit of what batching gives. Each event-loop turn's messages are
 * joined into one JSON array string, and that same string is sent to every socket.
 */
export async function startBatchedWsBaseline(): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  let turn: string[] = [];
  const flush = () => {
    const batch = turn.length === 1 ? turn[0]! : `[${turn.join(',')}]`;
    turn = [];
    for (const c of wss.clients) c.send(batch);
  };
  wss.on('connection', (ws) => {
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      if (turn.push(String(data)) === 1) setImmediate(flush);
    });
  });
  await new Promise((r) => wss.once('listening', r));
  return (wss.address() as AddressInfo).port;
}

/**
 * Socket.IO 4 as its documentation shows a chat: clients join a room with an event (acked),
 * and each message is re-emitted to the room with `io.to(room).emit` (encoded once, written
 * to each socket as a pre-built WebSocket frame).
 */
export async function startSocketIoBaseline(): Promise<number> {
  const http = createServer();
  const io = new SocketIoServer(http, {
    transports: ['websocket'],
    serveClient: false,
    perMessageDeflate: false,
  });
  io.on('connection', (socket) => {
    socket.on('join', (room: string, ack?: () => void) => {
      void socket.join(room);
      ack?.();
    });
    socket.on('m', (text: string) => {
      io.to(SOCKET_IO_ROOM).emit('m', text);
    });
  });
  return listen(http);
}

/** When the pipe baseline makes an upload durable. */
export type PipeSync = 'none' | 'end' | 'rolling';

/**
 * The plain Node file baseline: POST /upload pipes the request body to a file, GET /download
 * streams that file back. No auth, names or limits: the floor of what Node does. `sync` says
 * whether the upload is on disk before the answer: not at all, one fsync at the end, or
 * fdatasyncs overlapping the transfer plus a last one (Parley's own writer, as Parley does).
 */
export async function startPipeBaseline(dir: string, sync: PipeSync): Promise<number> {
  const path = join(dir, 'upload.bin');
  const http = createServer((req, res) => {
    const fail = (err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    };
    if (req.method === 'POST' && req.url === '/upload') {
      const sink =
        sync === 'rolling'
          ? syncingWriteStream(path)
          : createWriteStream(path, { flush: sync === 'end' });
      pipeline(req, sink).then(() => {
        res.statusCode = 201;
        res.end('{}');
      }, fail);
    } else if (req.method === 'GET' && req.url === '/download') {
      stat(path).then(({ size }) => {
        res.setHeader('Content-Length', size);
        pipeline(createReadStream(path), res).catch(() => undefined);
      }, fail);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  return listen(http);
}

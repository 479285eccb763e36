/**
 * The servers Parley is compared with, each as small as it can honestly be. They run in
 * bench/serverProcess, the same way as Parley.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';

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

/** Bytes written between two background fdatasyncs in 'rolling' mode. */
const ROLLING_SYNC_BYTES = 32 * 1024 * 1024;

/**
 * A file writer that starts an fdatasync every ROLLING_SYNC_BYTES without waiting for it (at
 * most one in flight), and waits for a last one at the end: the disk writes while the network
 * still delivers, instead of the whole file being flushed after the last byte.
 */
function rollingSyncWriter(path: string): Writable {
  let fh: FileHandle;
  let unsynced = 0;
  let syncing: Promise<void> | undefined;
  return new Writable({
    construct(done) {
      open(path, 'w').then((h) => {
        fh = h;
        done();
      }, done);
    },
    writev(chunks, done) {
      const buffers = chunks.map((c) => c.chunk as Buffer);
      fh.writev(buffers).then(() => {
        unsynced += buffers.reduce((n, b) => n + b.length, 0);
        if (unsynced >= ROLLING_SYNC_BYTES && !syncing) {
          unsynced = 0;
          syncing = fh.datasync().finally(() => (syncing = undefined));
        }
        done();
      }, done);
    },
    final(done) {
      Promise.resolve(syncing)
        .then(() => fh.datasync())
        .then(() => fh.close())
        .then(() => done(), done);
    },
  });
}

/**
 * The plain Node file baseline: POST /upload pipes the request body to a file, GET /download
 * streams that file back. No auth, names or limits: the floor of what Node does. `sync` says
 * whether the upload is on disk before the answer: not at all, one fsync at the end (as Parley
 * does), or fdatasyncs overlapping the transfer plus a last one.
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
          ? rollingSyncWriter(path)
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

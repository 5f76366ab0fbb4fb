import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayResponse } from '../http-model.ts';

export function writeGatewayResponse(res: ServerResponse, response: GatewayResponse): void {
  if (response.destroyConnection) {
    res.socket?.destroy();
    return;
  }
  writeHead(res, response);
  if (response.bodyStream) void writeStream(res, response.bodyStream());
  else res.end(response.body);
}

/** Resolves once `res` has its socket: a pipelined answer waits its turn without one. */
async function turnOf(res: ServerResponse): Promise<void> {
  if (res.socket || res.destroyed) return;
  await new Promise<void>((resolve) => {
    res.once('socket', () => resolve());
    res.once('close', () => resolve());
  });
}

/** The pieces, iterated the same way whether made at once or arriving (a proxied model's answer). */
function iteratorOf(pieces: Iterable<string | Buffer> | AsyncIterable<string | Buffer>): Iterator<string | Buffer> | AsyncIterator<string | Buffer> {
  return Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
}

/**
 * Writes pieces made on demand, each only once the client has taken the ones before, and none
 * before it is this answer's turn on the connection (so a thousand pipelined requests pin a
 * thousand heads, not a thousand first pieces). The pieces are ended (`return()`) however the
 * answer ends, the client going away included; a source that fails mid-answer drops the connection.
 */
async function writeStream(res: ServerResponse, pieces: Iterable<string | Buffer> | AsyncIterable<string | Buffer>): Promise<void> {
  const iterator = iteratorOf(pieces);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
  res.once('close', end);
  try {
    await turnOf(res);
    for (;;) {
      if (res.destroyed) return;
      const pending = iterator.next();
      const next = pending instanceof Promise ? await pending : pending;
      if (next.done || res.destroyed) break;
      if (!res.write(next.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', end);
    end();
  }
}

/** One writeHead instead of a setHeader per header; Content-Length as Node's end() would add it (a stream goes chunked). */
function writeHead(res: ServerResponse, response: GatewayResponse): void {
  const headers: Record<string, string | string[] | number> = { ...response.headers };
  if (response.closeConnection) headers['Connection'] = 'close';
  if (mayHaveBody(response.status) && !response.bodyStream) headers['Content-Length'] = Buffer.byteLength(response.body);
  res.writeHead(response.status, headers);
}

/** Node sends neither a body nor a Content-Length for these. */
const mayHaveBody = (status: number) => status >= 200 && status !== 204 && status !== 304;

/**
 * How much of a refused upload is read and thrown away before the connection is closed: at most
 * `bytes`, for at most `ms`, and no longer than `idleMs` after the client last sent anything.
 */
export const DRAIN_LIMITS = { bytes: 64 * 1024 * 1024, ms: 10_000, idleMs: 1_000 };

/** Sockets whose answer is out and whose upload is being drained: a late parser error must not answer again. */
export const draining = new WeakSet<object>();

/**
 * A refused upload (over the cap) that the client is still sending: closing at once makes most
 * clients see EPIPE or a reset instead of the 413, as the kernel resets a socket that receives data
 * after close. Like nginx's lingering close, the whole answer is sent at once, then the rest of the
 * upload is read and discarded (never kept), within the bounds above, before the close.
 */
function answerThenDrain(req: IncomingMessage, res: ServerResponse, response: GatewayResponse): void {
  writeHead(res, response);
  // Written but not ended: the client has its full answer, and Node does not close the socket yet.
  res.write(response.body);
  draining.add(req.socket);
  let drained = 0;
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    clearTimeout(overall);
    clearTimeout(idle);
    req.removeListener('data', discard);
    const stillSending = !req.complete;
    res.end();
    if (stillSending) res.once('finish', () => req.socket.destroy());
  };
  const overall = setTimeout(close, DRAIN_LIMITS.ms);
  let idle = setTimeout(close, DRAIN_LIMITS.idleMs);
  const discard = (chunk: Buffer) => {
    drained += chunk.length;
    clearTimeout(idle);
    idle = setTimeout(close, DRAIN_LIMITS.idleMs);
    if (drained > DRAIN_LIMITS.bytes) close();
  };
  req.on('data', discard);
  req.once('end', close);
  req.once('error', close);
  req.once('close', close);
  req.resume();
}

/** A body arriving too slowly to wait for: the answer, then the connection closed with nothing drained. */
function answerThenClose(req: IncomingMessage, res: ServerResponse, response: GatewayResponse): void {
  draining.add(req.socket);
  writeHead(res, response);
  res.end(response.body, () => req.socket.destroy());
}

/** Writes the gateway's answer: at once, or, while the client is still sending a refused body, drained or abandoned. */
export function answer(req: IncomingMessage, res: ServerResponse, response: GatewayResponse): void {
  const bodyStillComing = response.closeConnection && !response.destroyConnection && !req.complete && !req.destroyed;
  if (bodyStillComing && response.abandonBody) answerThenClose(req, res, response);
  else if (bodyStillComing) answerThenDrain(req, res, response);
  else writeGatewayResponse(res, response);
}

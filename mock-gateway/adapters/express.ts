import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { splitRequestTarget } from '../../src/protocol/index.ts';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import type { ErrorCatalogue, ErrorKey } from '../catalogue.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import type { GatewayRequest, GatewayResponse } from '../http-model.ts';

const ASCII = /^[\x00-\x7f]*$/;

/** Node reads header values as latin1; the signature is over their UTF-8 text. */
function utf8Header(value: string): string {
  if (ASCII.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : value;
}

/**
 * Read at once only when small: `read()` joins the buffered chunks into one copy, which must stay
 * negligible next to the body budget.
 */
const ARRIVED_BODY_MAX_BYTES = 64 * 1024;

/**
 * A body already whole in the request's buffer, unread: taken synchronously, without an async
 * iterator. Whole means the parser has seen its end, or all Content-Length bytes are buffered (the
 * handler runs before the parser marks a body that came with its headers complete).
 */
function arrivedBody(req: IncomingMessage, declaredLength: number | undefined, maxBytes: number): Buffer[] | undefined {
  const buffered = req.readableLength;
  if (req.readableDidRead || req.destroyed || buffered > Math.min(maxBytes, ARRIVED_BODY_MAX_BYTES)) return undefined;
  if (!req.complete && buffered !== declaredLength) return undefined;
  const chunk = req.read() as Buffer | null;
  // Flowing, so that the stream still ends ('end', 'close') as if it had been read to its end.
  req.resume();
  return chunk === null ? [] : [chunk];
}

export function toGatewayRequest(req: IncomingMessage): GatewayRequest {
  const target = (req as Request).originalUrl ?? req.url ?? '/';
  const { path, query } = splitRequestTarget(target);
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = utf8Header(req.rawHeaders[i + 1]!);
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  const contentLength = req.headers['content-length'];
  const declared = contentLength !== undefined && req.headers['transfer-encoding'] === undefined ? Number(contentLength) : undefined;
  const declaredLength = Number.isFinite(declared) ? declared : undefined;
  return {
    method: req.method ?? 'GET',
    target,
    path,
    query,
    headers,
    // Not destroyed when the gateway stops reading at the cap: the rest is drained before the answer (see below).
    body: {
      declaredLength,
      chunks: () => req.iterator({ destroyOnReturn: false }),
      arrived: (maxBytes) => arrivedBody(req, declaredLength, maxBytes),
    },
    remoteAddress: req.socket.remoteAddress,
  };
}

export function writeGatewayResponse(res: ServerResponse, response: GatewayResponse): void {
  if (response.destroyConnection) {
    res.socket?.destroy();
    return;
  }
  writeHead(res, response);
  res.end(response.body);
}

/** One writeHead instead of a setHeader per header; Content-Length as Node's end() would add it. */
function writeHead(res: ServerResponse, response: GatewayResponse): void {
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.closeConnection) headers['Connection'] = 'close';
  if (mayHaveBody(response.status)) headers['Content-Length'] = Buffer.byteLength(response.body);
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
const draining = new WeakSet<object>();

/**
 * A refused upload (over the cap) that the client is still sending: closing at once makes most
 * clients see EPIPE or a reset instead of the 413, as the kernel resets a socket that receives data
 * after close. Like nginx's lingering close, the whole answer is sent at once, then the rest of the
 * upload is read and discarded (never kept), within the bounds above, before the close.
 */
function answerThenDrain(req: IncomingMessage, res: Response, response: GatewayResponse): void {
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

function answer(req: IncomingMessage, res: Response, response: GatewayResponse): void {
  if (response.closeConnection && !response.destroyConnection && !req.complete && !req.destroyed) answerThenDrain(req, res, response);
  else writeGatewayResponse(res, response);
}

/**
 * The Express app, typed as the request listener it is (mount it, serve it, hand it to supertest) so
 * that its users need no @types/express.
 */
export type GatewayApp = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void) & { gateway: Gateway };

/** The gateway as an Express app. No body parser runs: the gateway reads the raw bytes itself. */
export function createGateway(config: GatewayConfigOverrides | GatewayConfig | Gateway = {}): GatewayApp {
  const gateway = config instanceof Gateway ? config : createGatewayCore(config);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(async (req: Request, res: Response) => {
    const baseUrl = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const response = await gateway.handle(toGatewayRequest(req), baseUrl);
    answer(req, res, response);
  });
  // Last resort: never Express's HTML page with a stack trace.
  app.use((_error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    if (res.headersSent) return void res.socket?.destroy();
    res.status(500).json({ error_code: 'APIG.0601', error_msg: 'Internal server error.', request_id: '' });
  });
  return Object.assign(app, { gateway });
}

/**
 * How long a client may take, in ms. Node's defaults (60 s for headers, 300 s for a request, checked
 * every 30 s) would let a slow client hold a socket for minutes; APIG reads a body with an 8 s
 * timeout (gateway.md §4). A client over a limit gets 408 APIG.0201 and the connection is closed.
 */
export interface ServerTimeouts {
  /** The whole header block. */
  headersMs: number;
  /** The whole request, headers and body (not the time the model takes to answer). At least `headersMs`. */
  requestMs: number;
  /** An idle kept-alive connection between requests. */
  keepAliveMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 20_000, requestMs: 120_000, keepAliveMs: 5_000 };

const CLIENT_ERROR_RULES: Readonly<Record<string, ErrorKey>> = {
  HPE_HEADER_OVERFLOW: 'request.headers-too-large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request.timeout',
};

/** Node's own handler checks this too: a second answer must not land in the middle of a first. */
const responseUnderway = (socket: Duplex) => (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;

/**
 * HTTP that Node cannot parse (bad request line, lying or duplicate Content-Length, broken chunks,
 * a header block over maxHeaderSize) or that comes too slowly: answered with APIG's JSON error
 * instead of Node's bare text, then closed. No request was formed, so nothing is journaled.
 */
function answerClientError(catalogue: ErrorCatalogue, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable || draining.has(socket) || responseUnderway(socket)) {
    socket.destroy();
    return;
  }
  const requestId = randomBytes(16).toString('hex');
  const { status, body } = catalogue.render(CLIENT_ERROR_RULES[error.code ?? ''] ?? 'request.bad', requestId);
  const text = JSON.stringify(body);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`, `X-Request-Id: ${requestId}`, 'Server: api-gateway', 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

export interface RunningGateway {
  gateway: Gateway;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the Express gateway on a port (0 = any free one) of `host` (default 127.0.0.1). */
export async function startGateway(
  options: { config?: GatewayConfigOverrides | GatewayConfig | Gateway; port?: number; host?: string; timeouts?: Partial<ServerTimeouts> } = {},
): Promise<RunningGateway> {
  const app = createGateway(options.config);
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...options.timeouts };
  const server = createServer(
    {
      // Large enough for the gateway's own 128 KB header check to be the one that answers (494).
      maxHeaderSize: 256 * 1024,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node only looks for expired requests this often.
      connectionsCheckingInterval: Math.max(20, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    app,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(app.gateway.catalogue, error, socket));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    gateway: app.gateway,
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

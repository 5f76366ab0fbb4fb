import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { isLoopbackHost } from '../admin/admin-guard.ts';
import type { ErrorCatalogue, ErrorKey } from '../catalogue.ts';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import { newRequestId } from '../request-id.ts';
import type { HttpsEndpoint } from '../state/https-endpoints.ts';
import { createRequestListener } from './node-listener.ts';
import { framingProblemOf } from './node-request.ts';
import { draining } from './node-response.ts';
import { type GatewayTlsOptions, prepareTls, type TlsMaterial } from './tls-material.ts';

export { type GatewayTlsOptions, TlsSetupError } from './tls-material.ts';

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
  /** A client that takes none of its answer for this long is disconnected (inferred: nginx's send_timeout idea). */
  sendIdleMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 20_000, requestMs: 120_000, keepAliveMs: 5_000, sendIdleMs: 10_000 };

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
  const requestId = newRequestId();
  const { status, body } = catalogue.render(CLIENT_ERROR_RULES[error.code ?? ''] ?? 'request.bad', requestId);
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    `X-Request-Id: ${requestId}`,
    'Server: api-gateway',
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
}

/**
 * Served beyond this machine, the admin API would let anyone on the network read every secret and
 * move the clock: it must be protected by a token or switched off.
 */
function assertAdminSafe(gateway: Gateway, host: string): void {
  const { admin } = gateway.config;
  if (!isLoopbackHost(host) && admin.enabled && admin.token === undefined) {
    throw new Error(
      `refusing to serve the admin API on ${host}, beyond this machine, without a token: anyone who reaches it could read every secret and change the clock. Set an admin token (--admin-token, APIG_KIT_ADMIN_TOKEN or admin.token) or switch the admin API off (--admin off or admin.enabled: false)`,
    );
  }
}

/**
 * A client that stops reading its answer would pin the unsent part in memory for as long as it
 * keeps the connection. Once per `idleMs` the server looks at every connection: one with output
 * queued that has taken none of it since the last look is dropped (so after one to two `idleMs`).
 * One timer for the server, not one per answer. A TLS server's answers are queued on the TLS
 * socket of each connection (the raw socket under it carries no stream of its own), so that is the one watched.
 */
function sweepStalledAnswers(server: Server | HttpsServer, idleMs: number, secure: boolean): () => void {
  if (idleMs <= 0) return () => undefined;
  const sockets = new Set<Socket>();
  const writtenAtLastLook = new WeakMap<Socket, number>();
  server.on(secure ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const timer = setInterval(() => {
    for (const socket of sockets) {
      // bytesWritten counts what is queued too: it stands still only when nothing new was queued or taken.
      const written = socket.bytesWritten;
      if (socket.writableLength > 0 && writtenAtLastLook.get(socket) === written) socket.destroy();
      else writtenAtLastLook.set(socket, written);
    }
  }, idleMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The HTTPS side of a running gateway: where it is, and the certificate a client should trust. */
export interface RunningHttps {
  server: HttpsServer;
  url: string;
  /** The PEM file to trust (`curl --cacert`): the CA generated at start, or your own certificate's file. */
  certificateFile: string;
  certificatePem: string;
  fingerprint256: string;
  generated: boolean;
}

export interface RunningGateway {
  gateway: Gateway;
  /** The plain HTTP server; with `tls.only`, the HTTPS one. */
  server: Server | HttpsServer;
  /** The plain HTTP URL; with `tls.only`, the HTTPS one. */
  url: string;
  /** Set when HTTPS is served (`tls`). */
  https?: RunningHttps | undefined;
  /** With `iamPort`: the base URL of the IAM address (its server is closed with this one). */
  iamUrl?: string;
  close(): Promise<void>;
}

export interface StartGatewayOptions {
  config?: GatewayConfigOverrides | GatewayConfig | Gateway;
  /** The port (0 = any free one): the HTTP server's, or with `tls.only` the HTTPS server's. */
  port?: number;
  host?: string;
  timeouts?: Partial<ServerTimeouts>;
  /** Serve HTTPS too (or alone, with `only`). `true`: with a certificate generated at start. */
  tls?: GatewayTlsOptions | true | undefined;
  /**
   * Also serve the IAM address (modelarts-services.md §5.1), over plain HTTP, on this port of the
   * same host (0 = any free one): there every service takes token and AK/SK, so a service with app
   * auth on is reached with each family at its own address. Not served when not given.
   */
  iamPort?: number | undefined;
}

function serverOptions(timeouts: ServerTimeouts) {
  return {
    // The gateway answers a missing Host itself, in APIG's format and journaled.
    requireHostHeader: false,
    // Large enough for the gateway's own 128 KB header check to be the one that answers (494).
    maxHeaderSize: 256 * 1024,
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node only looks for expired requests this often.
    connectionsCheckingInterval: Math.max(20, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
  };
}

/**
 * What every server of the gateway does besides handing requests to it, HTTP and HTTPS alike:
 * APIG's answers where Node would answer itself, the connection bound, and the sweeper.
 */
function harden(server: Server | HttpsServer, gateway: Gateway, listener: ReturnType<typeof createRequestListener>, timeouts: ServerTimeouts, secure: boolean) {
  server.maxConnections = gateway.config.limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(gateway.catalogue, error, socket));
  // Node would answer these itself: an Expect it does not know with a bare 417, 100-continue with a
  // 100 even for a body the gateway will refuse unread. The gateway decides instead.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => listener(req, res));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length']);
    // Node comes here for any Expect that mentions 100-continue; the gateway refuses the rest (417)
    // by the same rule it reads the request with, so no 100 goes out for those.
    if (framingProblemOf(req) === undefined && !(declared > gateway.config.limits.maxBodyBytes)) res.writeContinue();
    listener(req, res);
  });
  // No API is reached with CONNECT: APIG's JSON, then the connection is closed.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    answerClientError(gateway.catalogue, Object.assign(new Error('CONNECT'), { code: 'CONNECT' }), socket),
  );
  // A failed handshake (plain HTTP to the TLS port, a client that does not trust the certificate,
  // garbage, a handshake slower than headersMs): no request was formed, so nothing to answer or journal.
  if (secure) server.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy());
  const stopSweeping = sweepStalledAnswers(server, timeouts.sendIdleMs, secure);
  server.once('close', stopSweeping);
}

async function listen(server: Server | HttpsServer, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

const closeServer = (server: Server | HttpsServer) =>
  new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * Starts the gateway on a port (0 = any free one) of `host` (default 127.0.0.1): plain HTTP, and
 * with `tls` HTTPS beside it on a port of its own (`tls.port`), or HTTPS alone (`tls.only`).
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...options.timeouts };
  const host = options.host ?? '127.0.0.1';
  const gateway = options.config instanceof Gateway ? options.config : createGatewayCore(options.config);
  assertAdminSafe(gateway, host);
  const tlsOptions = options.tls === true ? {} : options.tls;
  const bareHost = host.replace(/^\[(.*)\]$/, '$1');
  const urlHost = bareHost.includes(':') ? `[${bareHost}]` : bareHost;
  const listener = createRequestListener(gateway);
  const servers: Array<Server | HttpsServer> = [];
  let material: TlsMaterial | undefined;
  let endpoint: HttpsEndpoint | undefined;
  let http: { server: Server; url: string } | undefined;
  let https: RunningHttps | undefined;
  let iamUrl: string | undefined;
  gateway.servedHosts.add(bareHost);
  try {
    if (!tlsOptions?.only) {
      const server = createServer(serverOptions(timeouts), listener);
      harden(server, gateway, listener, timeouts, false);
      servers.push(server);
      http = { server, url: `http://${urlHost}:${await listen(server, options.port ?? 0, host)}` };
    }
    if (tlsOptions) {
      material = await prepareTls({ ...tlsOptions, extraNames: [...(tlsOptions.extraNames ?? []), ...certificateNamesFor(bareHost)] });
      const server = createHttpsServer({ ...serverOptions(timeouts), handshakeTimeout: timeouts.headersMs, cert: material.cert, key: material.key }, listener);
      harden(server, gateway, listener, timeouts, true);
      servers.push(server);
      const port = tlsOptions.only ? (options.port ?? 0) : (tlsOptions.port ?? 0);
      const url = `https://${urlHost}:${await listen(server, port, host)}`;
      const { certificateFile, certificatePem, fingerprint256, generated } = material;
      https = { server, url, certificateFile, certificatePem, fingerprint256, generated };
      endpoint = { url, certificateFile, fingerprint256, generated };
      gateway.httpsEndpoints.add(endpoint);
    }
    if (options.iamPort !== undefined) {
      const iamListener = createRequestListener(gateway, { address: 'iam' });
      const server = createServer(serverOptions(timeouts), iamListener);
      harden(server, gateway, iamListener, timeouts, false);
      servers.push(server);
      const port = await listen(server, options.iamPort, host);
      gateway.addresses.iamPort = port;
      iamUrl = `http://${urlHost}:${port}`;
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    await material?.dispose();
    throw error;
  }
  const primary = http ?? https!;
  gateway.addresses.firstPort = Number(new URL(primary.url).port);
  return {
    gateway,
    server: primary.server,
    url: primary.url,
    https,
    ...(iamUrl === undefined ? {} : { iamUrl }),
    close: async () => {
      await Promise.all(servers.map(closeServer));
      if (endpoint) gateway.httpsEndpoints.delete(endpoint);
      await material?.dispose();
      // The proxied models' health probes and connections end with the servers.
      gateway.close();
    },
  };
}

/** A specific address or name served is added to the generated certificate; a wildcard is no name. */
function certificateNamesFor(host: string): string[] {
  return host === '0.0.0.0' || host === '::' || host === '' ? [] : [host];
}

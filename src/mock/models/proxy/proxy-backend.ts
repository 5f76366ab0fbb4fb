import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GatewayResponse } from '../../http-model.ts';
import { ModelFailure } from '../model-failure.ts';
import type { ProxyOptions } from '../proxy-config.ts';
import type { Model, ModelRequest } from '../types.ts';
import { HealthProbe, type HealthView } from './health-probe.ts';
import { upstreamBody } from './upstream-body.ts';
import { describeTransportError, speaksTls, transportFailureRule } from './transport-error.ts';
import { upstreamHeaders, upstreamPath } from './upstream-request.ts';

/** Answer headers that describe the model's own connection, not the answer: the gateway frames its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** The headers APIG sets on every answer (gateway.md §1.2): its own win over the model's (inferred), never sent twice. */
const GATEWAY_OWN = new Set(['server', 'x-request-id', 'x-apig-latency', 'x-apig-upstream-latency', 'x-apig-ratelimit-api-allenv']);

/** The host to connect to: an IPv6 literal without its URL brackets. */
export const hostOf = (target: URL) => target.hostname.replace(/^\[(.*)\]$/, '$1');

/** Statuses that never carry a body, and HEAD. */
const bodiless = (method: string, status: number) => method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);

/**
 * The model's head as the gateway passes it on: every header but hop-by-hop ones, repeated ones
 * joined, except Set-Cookie, which cannot be joined (RFC 9110 §5.3: a cookie's date has a comma)
 * and goes on as one line per cookie.
 */
function answerHeaders(upstream: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const names = new Map<string, string>();
  for (let i = 0; i + 1 < upstream.rawHeaders.length; i += 2) {
    const name = upstream.rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || GATEWAY_OWN.has(lower)) continue;
    const value = upstream.rawHeaders[i + 1]!;
    const seen = names.get(lower);
    if (seen === undefined) {
      names.set(lower, name);
      headers[name] = lower === 'set-cookie' ? [value] : value;
    } else {
      const prior = headers[seen]!;
      headers[seen] = Array.isArray(prior) ? [...prior, value] : `${prior}, ${value}`;
    }
  }
  return headers;
}

export interface ProxyBackendOptions {
  /** Mid-answer silence from the model that ends the answer: the backend timeout (inferred, as nginx's proxy_read_timeout). */
  idleTimeoutMs: number;
}

/**
 * A real model server behind the dispatcher: the call goes on with its method, sub-path, query and
 * exact body bytes; the answer comes back as the model gave it (status, headers, body streamed);
 * transport failures answer as the dispatcher does; a failing health probe answers "no available server".
 */
export class ProxyBackend {
  readonly target: URL;
  readonly #agent: HttpAgent;
  readonly #probe: HealthProbe | undefined;
  readonly #send: typeof httpRequest;

  constructor(
    readonly options: ProxyOptions,
    private readonly backendOptions: ProxyBackendOptions,
  ) {
    this.target = new URL(options.url);
    const https = this.target.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: Math.min(16, options.maxSockets) };
    this.#agent = https ? new HttpsAgent({ ...agentOptions, rejectUnauthorized: options.verifyTls }) : new HttpAgent(agentOptions);
    this.#send = https ? (httpsRequest as typeof httpRequest) : httpRequest;
    this.#probe =
      options.healthPath === null
        ? undefined
        : new HealthProbe({
            target: this.target,
            path: options.healthPath,
            intervalMs: options.healthIntervalMs,
            failureThreshold: options.healthFailureThreshold,
            timeoutMs: options.healthTimeoutMs,
            agent: this.#agent,
            verifyTls: options.verifyTls,
          });
  }

  start(): void {
    this.#probe?.start();
  }

  close(): void {
    this.#probe?.stop();
    this.#agent.destroy();
  }

  health(): HealthView | undefined {
    return this.#probe?.view();
  }

  /** One probe now, for tests and the admin API. */
  probe(): Promise<HealthView | undefined> {
    return this.#probe ? this.#probe.probe() : Promise.resolve(undefined);
  }

  readonly model: Model = (request) => {
    const health = this.#probe?.view();
    if (health?.state === 'unhealthy') {
      return Promise.reject(new ModelFailure('modelarts.no-available-server', `the model's health probe fails (${health.last ?? 'no answer'})`));
    }
    return this.#forward(request);
  };

  /** The dispatcher's answer for a call that got no answer; a plain-HTTP call closed by a TLS server is the SSL error (§4.2 row 11). */
  async #failure(error: unknown): Promise<ModelFailure> {
    const { target, options } = this;
    let rule = transportFailureRule(error);
    const port = Number(target.port || 80);
    // A plain-HTTP call closed at once, or answered with bytes that are not HTTP: is it a TLS server?
    if (rule === 'modelarts.backend-closed' && target.protocol === 'http:' && (await speaksTls(hostOf(target), port, 1000))) {
      rule = 'modelarts.backend-ssl';
    }
    const detail = `${options.url}: ${describeTransportError(error)}${rule === 'modelarts.backend-ssl' && target.protocol === 'http:' ? ' (the model speaks TLS)' : ''}`;
    return new ModelFailure(rule, detail);
  }

  #forward(request: ModelRequest): Promise<GatewayResponse> {
    const { target, options } = this;
    const headers = upstreamHeaders(request.headers, options, target, request.body.length, {
      protocol: request.tls ? 'https' : 'http',
      host: request.headers.get('host')?.[0],
      remoteAddress: request.remoteAddress,
    });
    return new Promise<GatewayResponse>((resolve, reject) => {
      const signal = request.signal;
      const req = this.#send({
        host: hostOf(target),
        port: target.port,
        method: request.method,
        path: upstreamPath(target, request.subPath, request.query),
        headers,
        agent: this.#agent,
        signal,
      });
      req.on('error', (error) => {
        // The backend timeout aborted it: callBackend answers that itself.
        if (signal.aborted) reject(signal.reason);
        else void this.#failure(error).then(reject);
      });
      req.once('response', (upstream) => {
        // Its errors are seen by whoever reads it; without a listener one would crash the process.
        upstream.on('error', () => undefined);
        const status = upstream.statusCode ?? 502;
        const head = { status, headers: answerHeaders(upstream) };
        if (bodiless(request.method, status)) {
          upstream.resume();
          resolve({ ...head, body: '' });
          return;
        }
        const body = upstreamBody(upstream, this.backendOptions.idleTimeoutMs, () => undefined);
        resolve({ ...head, body: '', bodyStream: () => body });
      });
      req.end(request.body);
    });
  }
}

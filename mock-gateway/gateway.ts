import { hash } from 'node:crypto';
import { headerValue, parseTimeInput } from '../src/protocol/index.ts';
import { handleAdmin } from './admin/admin-api.ts';
import { adminRefusal } from './admin/admin-guard.ts';
import { type JsonShapeProblem, jsonShapeProblem } from './bounds/json-shape.ts';
import { truncateText } from './bounds/truncate.ts';
import { authenticate } from './auth/authenticate.ts';
import { ErrorCatalogue, type ErrorKey } from './catalogue.ts';
import { GatewayClock } from './clock.ts';
import { type GatewayConfigOverrides, resolveConfig } from './config/load-config.ts';
import type { GatewayConfig } from './config/schema.ts';
import { type GatewayRequest, type GatewayResponse, jsonResponse } from './http-model.ts';
import { handleIamTokens } from './iam/iam-api.ts';
import { KEYSTONE_ERRORS, keystoneError } from './iam/keystone-errors.ts';
import { isJsonContentType } from './models/json-body.ts';
import { Journal, type JournalEntry } from './journal.ts';
import { modelFor } from './models/index.ts';
import { AkLockout } from './pipeline/ak-lockout.ts';
import { BodyBudget, type BodyHolder } from './pipeline/body-budget.ts';
import { bodyHolderOf } from './pipeline/credible.ts';
import { callBackend } from './pipeline/backend.ts';
import { checkAppBinding, checkDispatcher } from './pipeline/dispatcher.ts';
import { type AuthOutcome, describePrincipal, type Refusal } from './pipeline/exchange.ts';
import { FaultRegistry } from './pipeline/faults.ts';
import { type BodyRead, readCappedBody } from './pipeline/read-body.ts';
import { matchRoute } from './pipeline/route.ts';
import { ApiThrottle } from './pipeline/throttle.ts';
import { redactCanonicalRequest, redactHeaders } from './redaction.ts';
import { newRequestId } from './request-id.ts';
import { WorldIndex } from './world-index.ts';

export const ADMIN_PREFIX = '/_apig-kit';
export const TEST_ID_HEADER = 'x-apig-kit-test-id';
const IAM_TOKENS_PATH = '/v3/auth/tokens';

/** Builds the journal entry as the request goes, and the response when it ends. */
class Exchange {
  readonly requestId = newRequestId();
  readonly started = performance.now();
  readonly receivedAt: number;
  entry: Partial<JournalEntry> = {};
  violations: Array<{ rule: string; detail: string }> = [];
  upstreamMs: number | undefined;
  /** Calls left in this API's throttle window once this one was counted. */
  rateRemaining: number | undefined;
  bodyBytes = 0;

  constructor(
    readonly request: GatewayRequest,
    clock: GatewayClock,
  ) {
    this.receivedAt = clock.now();
  }
}

/**
 * The mock APIG + ModelArts dispatcher + IAM, framework-free: one request model in, one response
 * model out. Steps in the order of gateway.md §7: sizes → route → body cap → authenticate →
 * authorise → throttle → dispatcher → model, then decorate and journal.
 */
export class Gateway {
  readonly clock: GatewayClock;
  readonly journal: Journal;
  readonly faults = new FaultRegistry();
  readonly world: WorldIndex;
  readonly catalogue: ErrorCatalogue;
  readonly lockout: AkLockout;
  readonly throttle: ApiThrottle;
  /** Bodies buffered at once: four at the cap, one of them for anonymous bodies. */
  readonly bodyBudget: BodyBudget;
  /** The addresses the adapters were told to serve: the admin API answers for these and loopback names. */
  readonly servedHosts = new Set<string>();

  constructor(
    readonly config: GatewayConfig,
    realNow: () => number = Date.now,
  ) {
    this.clock = new GatewayClock(realNow);
    this.journal = new Journal({ maxEntries: config.behaviour.journalSize, maxBytes: config.behaviour.journalMaxBytes, maxEntryBytes: config.behaviour.journalEntryMaxBytes });
    this.world = new WorldIndex(config.world);
    this.catalogue = new ErrorCatalogue(config.behaviour.messages);
    this.lockout = new AkLockout(config.limits.akLockoutFailures, config.limits.akLockoutMs);
    this.throttle = new ApiThrottle(config.limits.apiRateLimitPerSecond);
    this.bodyBudget = new BodyBudget(4 * config.limits.maxBodyBytes, config.limits.maxBodyBytes);
    this.applyClockConfig();
  }

  applyClockConfig(): void {
    const { start, offsetMs, frozen } = this.config.clock;
    this.clock.reset();
    if (start !== undefined) this.clock.set(parseTime(start), { frozen });
    else if (offsetMs) this.clock.setOffset(offsetMs);
    if (frozen && start === undefined) this.clock.freeze();
  }

  /** Back to the state at start: clock, journal, faults, lockouts, throttle windows. */
  reset(): void {
    this.applyClockConfig();
    this.journal.clear();
    this.faults.clear();
    this.lockout.reset();
    this.throttle.reset();
  }

  /** `baseUrl` is how clients reach this gateway; the admin API uses it to print service URLs. */
  async handle(request: GatewayRequest, baseUrl = 'http://127.0.0.1'): Promise<GatewayResponse> {
    if (this.config.admin.enabled && (request.path === ADMIN_PREFIX || request.path.startsWith(`${ADMIN_PREFIX}/`))) {
      const refused = adminRefusal(request, { config: this.config.admin, servedHosts: this.servedHosts, ownOrigin: baseUrl });
      if (refused) return jsonResponse(refused.status, { error: refused.message });
      try {
        return await handleAdmin(this, request, baseUrl);
      } catch (error) {
        return jsonResponse(400, { error: error instanceof Error ? error.message : 'bad admin request' });
      }
    }
    const exchange = new Exchange(request, this.clock);
    let response: GatewayResponse;
    try {
      response = await this.#process(exchange);
    } catch (error) {
      exchange.entry.detail = `internal error: ${error instanceof Error ? error.message : String(error)}`;
      response = this.#refuse(exchange, { rule: 'gateway.internal', detail: exchange.entry.detail });
    }
    return this.#finish(exchange, response);
  }

  /** Reads the body within the cap, the read timeouts and the body budget, whose bytes it gives back at once. */
  async #readBody(exchange: Exchange, holder: () => BodyHolder, maxBytes: number): Promise<BodyRead> {
    const { limits } = this.config;
    const body = await readCappedBody(exchange.request.body, {
      maxBytes,
      readTimeoutMs: limits.bodyReadTimeoutMs,
      minBytesPerSecond: limits.minBodyBytesPerSecond,
      openAccount: () => this.bodyBudget.open(holder()),
    });
    exchange.bodyBytes = body.ok ? body.bytes : body.bytesRead;
    return body;
  }

  /** The answer for a body that could not be read: too large, cut off, or too slow. */
  #refuseUnreadBody(exchange: Exchange, body: Exclude<BodyRead, { ok: true }>, what = 'the body'): GatewayResponse {
    if ('aborted' in body) return this.#refuseAbortedBody(exchange);
    if ('timedOut' in body) {
      const { bodyReadTimeoutMs, minBodyBytesPerSecond } = this.config.limits;
      const refused = this.#refuse(exchange, { rule: 'request.timeout', detail: `${what} stopped arriving for ${bodyReadTimeoutMs} ms or came slower than ${minBodyBytesPerSecond} bytes/s (${body.bytesRead} bytes read)` });
      return { ...refused, closeConnection: true, abandonBody: true };
    }
    const refused = this.#refuse(exchange, { rule: 'request.body-too-large', detail: `${what} is over the cap` });
    return { ...refused, closeConnection: true };
  }

  async #process(exchange: Exchange): Promise<GatewayResponse> {
    const { request } = exchange;
    const { limits, behaviour } = this.config;
    if (Buffer.byteLength(request.target) > limits.maxUriBytes) return this.#refuse(exchange, { rule: 'request.uri-too-large', detail: `the URI is over ${limits.maxUriBytes} bytes` });
    const headerProblem = this.#checkHeaderSizes(request);
    if (headerProblem) return this.#refuse(exchange, headerProblem);

    if (request.framingProblem === 'missing-host') return this.#refuse(exchange, { rule: 'request.bad', detail: 'an HTTP/1.1 request must carry a Host header' });
    if (request.framingProblem === 'unsupported-expect') return this.#refuse(exchange, { rule: 'request.expectation-failed', detail: 'the only Expect the gateway meets is 100-continue' });

    if (request.path === IAM_TOKENS_PATH) return this.#iam(exchange);

    const route = matchRoute(request, this.world);
    exchange.entry.serviceId = route?.service.id;
    if (!route) return this.#refuse(exchange, { rule: 'route.not-found', detail: `no published API matches ${request.path} in stage ${headerValue(request.headers, 'x-stage') ?? 'RELEASE'}` });
    if (behaviour.methodNotAllowed === 'apig-0101' && request.method !== 'POST') {
      return this.#refuse(exchange, { rule: 'route.method-not-found', detail: `the API is registered for POST, not ${request.method}` });
    }

    const holder = () => bodyHolderOf(route, request, { world: this.world, now: this.clock.now(), maxClockSkewMs: limits.maxClockSkewMs });
    const body = await this.#readBody(exchange, holder, limits.maxBodyBytes);
    if (!body.ok) return this.#refuseUnreadBody(exchange, body, `the body (cap ${limits.maxBodyBytes} bytes)`);

    const now = this.clock.now();
    const auth = await authenticate(route, request, body.chunks, { world: this.world, now, limits, behaviour, lockout: this.lockout });
    this.#noteAuth(exchange, auth);
    if (auth.refusal) {
      const refused = this.#enforce(exchange, auth.refusal);
      if (refused) return refused;
    }

    const unbound = checkAppBinding(route.service, auth.principal);
    if (unbound) {
      const refused = this.#enforce(exchange, unbound);
      if (refused) return refused;
    }

    const admission = this.throttle.admit(route.service.id, now);
    exchange.rateRemaining = admission.remaining;
    if (!admission.admitted) {
      const refused = this.#enforce(exchange, { rule: 'throttle.api', params: { limit: this.throttle.limit }, detail: `more than ${this.throttle.limit} calls in one second` });
      if (refused) return refused;
    }

    const dispatcherRefusal = checkDispatcher(route.service, request.method, auth.principal, this.world, behaviour.methodNotAllowed === '405');
    if (dispatcherRefusal) {
      const refused = this.#enforce(exchange, dispatcherRefusal);
      if (refused) return refused;
    }

    const shape = body.bytes > 0 && isJsonContentType(headerValue(request.headers, 'content-type')) ? this.#jsonShapeProblem(body.chunks) : undefined;
    if (shape) return this.#refuse(exchange, { rule: 'modelarts.bad-json', detail: `the JSON body ${shape}` });

    const forwardedBody = body.chunks.length === 1 ? body.chunks[0]! : Buffer.concat(body.chunks);
    const verified = auth.verdict?.accepted ? auth.verdict.bodyDigest : undefined;
    // An AK/SK or app signature over the body has hashed it already.
    const bodySha256 = verified?.digest === 'sha256' ? verified.hex : hash('sha256', forwardedBody, 'hex');
    exchange.entry.forwarded = { subPath: route.subPath, query: request.query, bodySha256 };
    const result = await callBackend(
      modelFor(route.service.model),
      { method: request.method, subPath: route.subPath, query: request.query, headers: request.headers, body: forwardedBody, bodySha256, service: route.service, seed: this.config.world.seed },
      limits.backendTimeoutMs,
      this.faults.draw(route.service.id),
    );
    if (result.kind === 'timeout') {
      return this.#refuse(exchange, { rule: behaviour.backendTimeoutError === 'modelarts' ? 'modelarts.timeout' : 'backend.timeout', detail: `the model took longer than ${limits.backendTimeoutMs} ms` });
    }
    if (result.kind === 'unavailable') return this.#refuse(exchange, { rule: 'backend.unavailable', detail: `the model failed: ${result.detail}` });
    if (result.kind === 'reset') {
      exchange.entry = { ...exchange.entry, verdict: 'rejected', detail: 'injected fault: connection reset' };
      return { status: 0, headers: {}, body: '', destroyConnection: true };
    }
    exchange.upstreamMs = result.upstreamMs;
    exchange.entry.verdict = exchange.violations.length > 0 ? 'warned' : 'accepted';
    return result.response;
  }

  #checkHeaderSizes(request: GatewayRequest): Refusal | undefined {
    const { maxHeaderBytes, maxHeaderBlockBytes } = this.config.limits;
    let total = 0;
    for (const [name, values] of request.headers) {
      for (const value of values) {
        const size = name.length + 2 + Buffer.byteLength(value);
        total += size;
        if (size > maxHeaderBytes) return { rule: 'request.headers-too-large', detail: `header ${name} is over ${maxHeaderBytes} bytes` };
      }
    }
    return total > maxHeaderBlockBytes ? { rule: 'request.headers-too-large', detail: `the headers are over ${maxHeaderBlockBytes} bytes in all` } : undefined;
  }

  async #iam(exchange: Exchange): Promise<GatewayResponse> {
    const { limits } = this.config;
    const body = await this.#readBody(exchange, () => 'anonymous', limits.maxIamBodyBytes);
    if (!body.ok) return this.#refuseUnreadBody(exchange, body, `the IAM request body (cap ${limits.maxIamBodyBytes} bytes)`);
    exchange.entry.auth = 'iam-password';
    const shape = this.#jsonShapeProblem(body.chunks);
    if (shape) {
      exchange.entry.verdict = 'rejected';
      exchange.entry.detail = `IAM ${exchange.request.method} ${IAM_TOKENS_PATH}: the JSON body ${shape}`;
      return keystoneError(KEYSTONE_ERRORS.bodyInvalid);
    }
    const response = handleIamTokens(
      { method: exchange.request.method, query: exchange.request.query, headers: exchange.request.headers, body: Buffer.concat(body.chunks) },
      { world: this.world, now: this.clock.now(), tokenLifetimeMs: this.config.limits.tokenLifetimeMs, signingKey: this.config.world.tokenSigningKey },
    );
    exchange.entry.verdict = response.status < 300 ? 'accepted' : 'rejected';
    exchange.entry.detail = `IAM ${exchange.request.method} ${IAM_TOKENS_PATH} → ${response.status}`;
    return response;
  }

  /** JSON too costly to parse, in words, checked before anything parses it. */
  #jsonShapeProblem(chunks: readonly Buffer[]): string | undefined {
    const { maxJsonDepth, maxJsonContainers } = this.config.limits;
    const problem: JsonShapeProblem | undefined = jsonShapeProblem(chunks, { maxDepth: maxJsonDepth, maxContainers: maxJsonContainers });
    if (problem === 'too-deep') return `nests deeper than ${maxJsonDepth} levels`;
    if (problem === 'too-many-containers') return `has more than ${maxJsonContainers} arrays and objects`;
    return undefined;
  }

  /** The client stopped sending mid-body (truncated, reset, timed out): its fault, not an internal error. */
  #refuseAbortedBody(exchange: Exchange): GatewayResponse {
    const refused = this.#refuse(exchange, { rule: 'request.bad', detail: 'the request body ended early: the client aborted or sent a malformed body' });
    return { ...refused, closeConnection: true };
  }

  #noteAuth(exchange: Exchange, auth: AuthOutcome): void {
    exchange.entry.auth = auth.method;
    exchange.entry.principal = describePrincipal(auth.principal);
    const verdict = auth.verdict;
    if (verdict && (verdict.accepted || verdict.accessKey)) {
      exchange.entry.signature = {
        algorithm: verdict.algorithm ?? '',
        accessKey: verdict.accessKey ?? '',
        signedHeaders: verdict.signedHeaders ?? [],
        canonicalRequest: verdict.computed && redactCanonicalRequest(verdict.computed.canonicalRequest),
        stringToSign: verdict.computed?.stringToSign,
        hint: !verdict.accepted && verdict.hint ? { id: verdict.hint.id, canonicalRequest: redactCanonicalRequest(verdict.hint.canonicalRequest) } : undefined,
      };
    }
  }

  /** Strict mode refuses; warn mode records the violation and lets the request on. */
  #enforce(exchange: Exchange, refusal: Refusal): GatewayResponse | undefined {
    if (this.config.behaviour.mode === 'warn') {
      exchange.violations.push({ rule: refusal.rule, detail: refusal.detail });
      return undefined;
    }
    return this.#refuse(exchange, refusal);
  }

  #refuse(exchange: Exchange, refusal: Refusal): GatewayResponse {
    const key: ErrorKey = refusal.rule;
    const rendered = this.catalogue.render(key, exchange.requestId, refusal.params);
    const modelArts = rendered.body.error_code.startsWith('ModelArts.');
    const body: Record<string, unknown> = modelArts ? { error_code: rendered.body.error_code, error_msg: rendered.body.error_msg } : { ...rendered.body };
    if (this.config.behaviour.explain) {
      const entry = this.catalogue.entry(key);
      const max = this.config.behaviour.maxEchoBytes;
      body['apig_kit_explain'] = {
        rule: key,
        basis: entry.basis,
        detail: truncateText(refusal.detail, max),
        ...(refusal.verdict?.computed ? { canonicalRequest: truncateText(redactCanonicalRequest(refusal.verdict.computed.canonicalRequest), max), stringToSign: refusal.verdict.computed.stringToSign } : {}),
      };
    }
    exchange.entry = { ...exchange.entry, verdict: 'rejected', rule: key, errorCode: rendered.body.error_code, detail: refusal.detail, reason: refusal.verdict && !refusal.verdict.accepted ? refusal.verdict.reason : undefined };
    return { status: rendered.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }

  #finish(exchange: Exchange, response: GatewayResponse): GatewayResponse {
    const { request } = exchange;
    const headers: Record<string, string> = { ...response.headers, 'X-Request-Id': exchange.requestId, Server: 'api-gateway' };
    if (headerValue(request.headers, 'x-apig-mode')?.trim().toLowerCase() === 'debug') {
      const latency = Math.round(performance.now() - exchange.started);
      headers['X-Apig-Latency'] = String(latency);
      if (exchange.upstreamMs !== undefined) headers['X-Apig-Upstream-Latency'] = String(Math.round(exchange.upstreamMs));
      const limit = this.config.limits.apiRateLimitPerSecond;
      if (limit > 0) {
        const serviceId = exchange.entry.serviceId;
        const remain = exchange.rateRemaining ?? (serviceId === undefined ? limit : this.throttle.remaining(serviceId, exchange.receivedAt));
        headers['X-Apig-RateLimit-api-allenv'] = `remain:${remain},limit:${limit},time:1 second`;
      }
    }
    this.journal.record({
      requestId: exchange.requestId,
      testId: headerValue(request.headers, TEST_ID_HEADER),
      time: isValidTime(exchange.receivedAt) ? new Date(exchange.receivedAt).toISOString() : String(exchange.receivedAt),
      method: request.method,
      target: request.target,
      status: response.status,
      verdict: 'rejected',
      ...exchange.entry,
      violations: exchange.violations.length > 0 ? exchange.violations : undefined,
      headers: redactHeaders(request.headers, (value) => this.world.maskSecret(value)),
      bodyBytes: exchange.bodyBytes,
      durationMs: Math.round(performance.now() - exchange.started),
    });
    return { ...response, headers };
  }
}

const isValidTime = (ms: number) => Number.isFinite(new Date(ms).getTime());

/** An ISO-8601 time, an X-Sdk-Date, or epoch milliseconds; throws on anything else. */
export function parseTime(text: string | number): number {
  const ms = parseTimeInput(text);
  if (ms === undefined) throw new RangeError(`"${text}" is not a time (ISO-8601, YYYYMMDDTHHMMSSZ or epoch ms)`);
  return ms;
}

export function createGatewayCore(overrides: GatewayConfigOverrides | GatewayConfig = {}, realNow?: () => number): Gateway {
  return new Gateway(resolveConfig(overrides), realNow);
}

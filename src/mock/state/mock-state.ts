import { ErrorCatalogue } from '../catalogue.ts';
import { GatewayClock } from './clock.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { type ExchangeEvents, TypedEvents } from '../events.ts';
import { Journal } from './journal.ts';
import { AkLockout } from './ak-lockout.ts';
import { BodyBudget } from './body-budget.ts';
import { FaultRegistry } from './faults.ts';
import { ProxyBackends } from '../models/proxy/proxy-backends.ts';
import type { HttpsEndpoint } from './https-endpoints.ts';
import { ApiThrottle } from './throttle.ts';
import { parseTime } from '../time.ts';
import { IssuedCredentials } from './issued-credentials.ts';
import { LiveWorld, type WorldChange } from './live-world.ts';
import { newRequestId } from '../request-id.ts';

/**
 * What the gateway, IAM and the admin API share, and nothing else: they are siblings over this
 * state and never import one another.
 */
export interface MockState {
  readonly config: GatewayConfig;
  readonly clock: GatewayClock;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  /** The world's lookups, and its runtime changes (admin API, `gateway.world.createApp(…)`). */
  readonly world: LiveWorld;
  /** Temporary AK/SK + security tokens issued by IAM (POST /v3.0/OS-CREDENTIAL/securitytokens). */
  readonly issued: IssuedCredentials;
  readonly catalogue: ErrorCatalogue;
  readonly lockout: AkLockout;
  readonly throttle: ApiThrottle;
  /** Bodies buffered at once: four at the cap, one of them for anonymous bodies. */
  readonly bodyBudget: BodyBudget;
  /** For bodies declared at most SMALL_BODY_BYTES: they never wait behind uploads. */
  readonly smallBodyBudget: BodyBudget;
  /** IAM's own, for its small bodies: 1 MB, 128 logins at the 8 KB cap. */
  readonly iamBodyBudget: BodyBudget;
  /** The addresses the adapters were told to serve: the admin API answers for these and loopback names. */
  readonly servedHosts: Set<string>;
  /** Where the adapters serve the two addresses of a service (modelarts-services.md §5.1), for the views. */
  readonly addresses: ServedAddresses;
  /**
   * Where the adapters serve HTTPS (one per TLS server started, removed when it closes). While there
   * is one, simple authentication over plain HTTP is refused (behaviour.simpleAuthOverHttp).
   */
  readonly httpsEndpoints: Set<HttpsEndpoint>;
  readonly events: TypedEvents<ExchangeEvents>;
  /** The real model servers behind `proxy` services: connections and health probes (closed with the gateway). */
  readonly proxies: ProxyBackends;
}

/**
 * The mock's first address (each service by its own `auth`) and its IAM address (every service by
 * token and AK/SK), as ports of one host (startGateway) or as base URLs (the msw handlers).
 */
export interface ServedAddresses {
  firstPort?: number;
  iamPort?: number;
  firstBaseUrl?: string;
  iamBaseUrl?: string;
}

/** A body declared this small (most JSON calls) is buffered from a budget of its own. */
export const SMALL_BODY_BYTES = 64 * 1024;

export function createMockState(config: GatewayConfig, realNow: () => number = Date.now): MockState {
  const { limits, behaviour } = config;
  const clock = new GatewayClock(realNow);
  const journal = new Journal({ maxEntries: behaviour.journalSize, maxBytes: behaviour.journalMaxBytes, maxEntryBytes: behaviour.journalEntryMaxBytes });
  const lockout = new AkLockout(limits.akLockoutFailures, limits.akLockoutMs);
  const throttle = new ApiThrottle(limits.apiRateLimitPerSecond);
  const faults = new FaultRegistry();
  const proxies = new ProxyBackends(config.world.services, limits.backendTimeoutMs);
  const issued = new IssuedCredentials({ maxCount: limits.maxTemporaryCredentials, maxBytes: limits.maxTemporaryCredentialBytes }, (ak) => lockout.forget(ak));
  const world = new LiveWorld(
    config.world,
    issued,
    limits,
    {
      changed: (change) => void journal.record(worldChangeEntry(change, clock.now(), (text) => world.scrubSecrets(text))),
      forgetAccessKey: (ak) => lockout.forget(ak),
      forgetService: (id) => {
        throttle.forget(id);
        faults.clear(id);
        proxies.forget(id);
      },
    },
    config.admin.filesDir ?? false,
  );
  const state: MockState = {
    config,
    clock,
    journal,
    faults,
    world,
    issued,
    catalogue: new ErrorCatalogue(behaviour.messages),
    lockout,
    throttle,
    bodyBudget: new BodyBudget(4 * limits.maxBodyBytes, limits.maxBodyBytes),
    smallBodyBudget: new BodyBudget(128 * SMALL_BODY_BYTES, 32 * SMALL_BODY_BYTES),
    iamBodyBudget: new BodyBudget(Math.max(1024 * 1024, 16 * limits.maxIamBodyBytes)),
    servedHosts: new Set(),
    addresses: {},
    httpsEndpoints: new Set(),
    events: new TypedEvents<ExchangeEvents>(),
    proxies,
  };
  // The journal is one listener among others.
  state.events.on('exchange:end', ({ entry }) => void state.journal.record(entry));
  applyClockConfig(state);
  return state;
}

/** A change of the world as a journal entry: the admin route it is, `world.<op>` as its rule, no secret. */
function worldChangeEntry(change: WorldChange, now: number, scrub: (text: string) => string) {
  return {
    requestId: newRequestId(),
    time: new Date(now).toISOString(),
    method: change.method,
    target: scrub(change.target),
    auth: 'admin',
    principal: change.via,
    status: 200,
    verdict: 'accepted' as const,
    rule: `world.${change.op}`,
    detail: scrub(change.detail),
    headers: {},
    bodyBytes: 0,
    durationMs: 0,
  };
}

/** The clock as the config starts it. */
export function applyClockConfig(state: MockState): void {
  const { start, offsetMs, frozen } = state.config.clock;
  state.clock.reset();
  if (start !== undefined) state.clock.set(parseTime(start), { frozen });
  else if (offsetMs) state.clock.setOffset(offsetMs);
  if (frozen && start === undefined) state.clock.freeze();
}

/** Back to the state at start: world, issued credentials, clock, journal, faults, lockouts, throttle windows. */
export function resetState(state: MockState): void {
  state.world.resetWorld();
  applyClockConfig(state);
  state.journal.clear();
  state.faults.clear();
  state.lockout.reset();
  state.throttle.reset();
}

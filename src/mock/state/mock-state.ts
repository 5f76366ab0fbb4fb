import { ErrorCatalogue } from '../catalogue.ts';
import { GatewayClock } from './clock.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { type ExchangeEvents, TypedEvents } from '../events.ts';
import { Journal } from './journal.ts';
import { AkLockout } from './ak-lockout.ts';
import { BodyBudget } from './body-budget.ts';
import { FaultRegistry } from './faults.ts';
import type { HttpsEndpoint } from './https-endpoints.ts';
import { ApiThrottle } from './throttle.ts';
import { parseTime } from '../time.ts';
import { WorldIndex } from './world-index.ts';

/**
 * What the gateway, IAM and the admin API share, and nothing else: they are siblings over this
 * state and never import one another.
 */
export interface MockState {
  readonly config: GatewayConfig;
  readonly clock: GatewayClock;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly world: WorldIndex;
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
  /**
   * Where the adapters serve HTTPS (one per TLS server started, removed when it closes). While there
   * is one, simple authentication over plain HTTP is refused (behaviour.simpleAuthOverHttp).
   */
  readonly httpsEndpoints: Set<HttpsEndpoint>;
  readonly events: TypedEvents<ExchangeEvents>;
}

/** A body declared this small (most JSON calls) is buffered from a budget of its own. */
export const SMALL_BODY_BYTES = 64 * 1024;

export function createMockState(config: GatewayConfig, realNow: () => number = Date.now): MockState {
  const { limits, behaviour } = config;
  const state: MockState = {
    config,
    clock: new GatewayClock(realNow),
    journal: new Journal({ maxEntries: behaviour.journalSize, maxBytes: behaviour.journalMaxBytes, maxEntryBytes: behaviour.journalEntryMaxBytes }),
    faults: new FaultRegistry(),
    world: new WorldIndex(config.world),
    catalogue: new ErrorCatalogue(behaviour.messages),
    lockout: new AkLockout(limits.akLockoutFailures, limits.akLockoutMs),
    throttle: new ApiThrottle(limits.apiRateLimitPerSecond),
    bodyBudget: new BodyBudget(4 * limits.maxBodyBytes, limits.maxBodyBytes),
    smallBodyBudget: new BodyBudget(128 * SMALL_BODY_BYTES, 32 * SMALL_BODY_BYTES),
    iamBodyBudget: new BodyBudget(Math.max(1024 * 1024, 16 * limits.maxIamBodyBytes)),
    servedHosts: new Set(),
    httpsEndpoints: new Set(),
    events: new TypedEvents<ExchangeEvents>(),
  };
  // The journal is one listener among others.
  state.events.on('exchange:end', ({ entry }) => void state.journal.record(entry));
  applyClockConfig(state);
  return state;
}

/** The clock as the config starts it. */
export function applyClockConfig(state: MockState): void {
  const { start, offsetMs, frozen } = state.config.clock;
  state.clock.reset();
  if (start !== undefined) state.clock.set(parseTime(start), { frozen });
  else if (offsetMs) state.clock.setOffset(offsetMs);
  if (frozen && start === undefined) state.clock.freeze();
}

/** Back to the state at start: clock, journal, faults, lockouts, throttle windows. */
export function resetState(state: MockState): void {
  applyClockConfig(state);
  state.journal.clear();
  state.faults.clear();
  state.lockout.reset();
  state.throttle.reset();
}

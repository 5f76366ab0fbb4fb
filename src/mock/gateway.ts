import type { ErrorCatalogue } from './catalogue.ts';
import type { GatewayClock } from './state/clock.ts';
import { type GatewayConfigOverrides, resolveConfig } from './config/load-config.ts';
import type { GatewayConfig } from './config/schema.ts';
import type { ExchangeEvents, TypedEvents } from './events.ts';
import type { GatewayRequest, GatewayResponse } from './http-model.ts';
import type { Journal } from './state/journal.ts';
import type { AkLockout } from './state/ak-lockout.ts';
import type { BodyBudget } from './state/body-budget.ts';
import type { FaultRegistry } from './state/faults.ts';
import type { ProxyBackends } from './models/proxy/proxy-backends.ts';
import type { HttpsEndpoint } from './state/https-endpoints.ts';
import type { ApiThrottle } from './state/throttle.ts';
import { routeRequest } from './router.ts';
import { applyClockConfig, createMockState, type MockState, resetState, type ServedAddresses } from './state/mock-state.ts';
import type { IssuedCredentials } from './state/issued-credentials.ts';
import type { LiveWorld } from './state/live-world.ts';

export { ADMIN_PREFIX } from './router.ts';
export { TEST_ID_HEADER } from './exchange/journal-entry.ts';
export { parseTime } from './time.ts';

/**
 * The mock APIG + ModelArts dispatcher + IAM, framework-free: one request model in, one response
 * model out. The composition root: it holds the shared state and hands each request to the
 * router, which picks the admin API, IAM or the gateway's steps (pipeline/steps/index.ts).
 */
export class Gateway implements MockState {
  readonly #state: MockState;

  constructor(
    readonly config: GatewayConfig,
    realNow: () => number = Date.now,
  ) {
    this.#state = createMockState(config, realNow);
  }

  get clock(): GatewayClock {
    return this.#state.clock;
  }
  get journal(): Journal {
    return this.#state.journal;
  }
  get faults(): FaultRegistry {
    return this.#state.faults;
  }
  /** Lookups over the world, and its runtime changes: `gateway.world.createApp({ name })`, `resetAppSecret(name)`, … */
  get world(): LiveWorld {
    return this.#state.world;
  }
  /** Temporary credentials IAM has issued. */
  get issued(): IssuedCredentials {
    return this.#state.issued;
  }
  get catalogue(): ErrorCatalogue {
    return this.#state.catalogue;
  }
  get lockout(): AkLockout {
    return this.#state.lockout;
  }
  get throttle(): ApiThrottle {
    return this.#state.throttle;
  }
  get bodyBudget(): BodyBudget {
    return this.#state.bodyBudget;
  }
  get smallBodyBudget(): BodyBudget {
    return this.#state.smallBodyBudget;
  }
  get iamBodyBudget(): BodyBudget {
    return this.#state.iamBodyBudget;
  }
  get servedHosts(): Set<string> {
    return this.#state.servedHosts;
  }
  /** Where the adapters serve each address: the world view lists a service's IAM address from it. */
  get addresses(): ServedAddresses {
    return this.#state.addresses;
  }
  /** The real model servers behind `proxy` services, with their health. */
  get proxies(): ProxyBackends {
    return this.#state.proxies;
  }
  /** Where HTTPS is served, with the certificate to trust there. */
  get httpsEndpoints(): Set<HttpsEndpoint> {
    return this.#state.httpsEndpoints;
  }
  /** exchange:start, exchange:verdict, exchange:end (with the journal entry). */
  get events(): TypedEvents<ExchangeEvents> {
    return this.#state.events;
  }

  applyClockConfig(): void {
    applyClockConfig(this.#state);
  }

  /** Back to the state at start: world, issued credentials, clock, journal, faults, lockouts, throttle windows. */
  reset(): void {
    resetState(this.#state);
  }

  /** Stops what runs on its own: the health probes and connections of proxied models. The gateway still answers afterwards. */
  close(): void {
    this.#state.proxies.close();
  }

  /** `baseUrl` is how clients reach this gateway; the admin API uses it to print service URLs. */
  handle(request: GatewayRequest, baseUrl = 'http://127.0.0.1'): Promise<GatewayResponse> {
    return routeRequest(this.#state, request, baseUrl);
  }
}

export function createGatewayCore(overrides: GatewayConfigOverrides | GatewayConfig = {}, realNow?: () => number): Gateway {
  return new Gateway(resolveConfig(overrides), realNow);
}

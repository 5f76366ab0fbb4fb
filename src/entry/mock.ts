/**
 * `apig-kit/mock`: the mock APIG + IAM + ModelArts dispatcher. `startGateway` serves it on a port
 * (`{ url, close() }`); `createGatewayCore` is the framework-free core (one request model in, one
 * response out) the adapters share; the config types and the demo world it starts with.
 */
export { DEFAULT_SERVER_TIMEOUTS, type RunningGateway, type ServerTimeouts, startGateway } from '../mock/adapters/express.ts';
export { type GatewayTlsOptions, type RunningHttps, type StartGatewayOptions, TlsSetupError } from '../mock/adapters/express.ts';
export type { HttpsEndpoint } from '../mock/state/https-endpoints.ts';
export { ADMIN_PREFIX, createGatewayCore, Gateway, TEST_ID_HEADER } from '../mock/gateway.ts';
export type { GatewayRequest, GatewayResponse, RequestBody } from '../mock/http-model.ts';
export type { JournalEntry, JournalVerdict } from '../mock/state/journal.ts';
export { ConfigError, type GatewayConfigOverrides, loadConfigFile, resolveConfig } from '../mock/config/load-config.ts';
export type { Account, App, Behaviour, GatewayConfig, GatewayConfigInput, GatewayLimits, ModelKind, Service, User, World } from '../mock/config/schema.ts';
export { DEMO_CREDENTIALS, DEMO_SEED, DEMO_SERVICE_IDS, demoWorld } from '../mock/config/demo-world.ts';
export type { ExchangeEvents, TypedEvents } from '../mock/events.ts';
export type { AdminConfig } from '../mock/config/schema.ts';

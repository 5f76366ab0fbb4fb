/**
 * The mock's public face: everything the floors above it (the kit, the suites, the vitest setup,
 * the CLI) and the package's `apig-kit/mock` entry may use. Nothing above this floor imports a
 * file of src/mock but this one (test/architecture/floors.test.ts), so the folders inside can move.
 */
export { createGateway, DEFAULT_SERVER_TIMEOUTS, type GatewayApp, type RunningGateway, type ServerTimeouts, startGateway } from './adapters/express.ts';
export { ADMIN_PREFIX, createGatewayCore, Gateway, TEST_ID_HEADER } from './gateway.ts';
export type { GatewayRequest, GatewayResponse, RequestBody } from './http-model.ts';
export type { JournalEntry, JournalVerdict } from './state/journal.ts';
export { ConfigError, type GatewayConfigOverrides, loadConfigFile, resolveConfig } from './config/load-config.ts';
export type {
  Account,
  AdminConfig,
  App,
  Behaviour,
  GatewayConfig,
  GatewayConfigInput,
  GatewayLimits,
  ModelKind,
  Service,
  User,
  World,
} from './config/schema.ts';
export { DEMO_CREDENTIALS, DEMO_SEED, DEMO_SERVICE_IDS, demoWorld } from './config/demo-world.ts';
export type { ExchangeEvents, TypedEvents } from './events.ts';
export { CATALOGUE, type ErrorKey } from './catalogue.ts';
export { KEYSTONE_ERRORS } from './iam/keystone-errors.ts';
// The world changed at runtime (gateway.world) and the temporary credentials IAM issues.
export type { LiveWorld, WorldChange } from './state/live-world.ts';
export { type NewAccessKey, type NewApp, type NewService, type NewUser, WorldChangeError } from './state/world-changes.ts';
export type { IssuedCredentials } from './state/issued-credentials.ts';
export type { ProxyModelConfig, ProxyOptions } from './models/proxy-config.ts';
export { PROXY_SERVICE_IDS, ProxyWorldError, withProxyServices } from './config/proxy-world.ts';
export { type Fault, type FaultName, NAMED_FAULTS, STATUS_FAULTS } from './state/faults.ts';
// Services of your own (issue #13): model forms, config.json, handler functions, the Usage Guides view.
export { MODEL_KINDS, PREDICTION_SHAPES, PRESET_NAMES, type ModelSpec, type PresetName, type PresetSpec, type StaticAnswer } from './config/schema.ts';
export type { HandlerAnswer, HandlerRequest, ModelHandler } from './models/handler.ts';
export { ModelConfigError, readModelConfigFile } from './model-config/load.ts';
export type { ModelConfig } from './model-config/schema.ts';
export type { ApiParameter, ServiceApi } from './model-config/service-api.ts';
export { addressBases } from './services/addresses.ts';
export { OWN_SERVICE_ID, ownService } from './services/own-service.ts';
export { describeApi, type ServiceAddress, type UsageGuide, type UsageGuideApi, usageGuide } from './services/usage-guide.ts';
export { type GatewayTlsOptions, type RunningHttps, type StartGatewayOptions, TlsSetupError } from './adapters/express.ts';
export type { HttpsEndpoint } from './state/https-endpoints.ts';

/**
 * `apig-kit/mock`: the mock APIG + IAM + ModelArts dispatcher. `startGateway` serves it on a port
 * (`{ url, close() }`); `createGatewayCore` is the framework-free core (one request model in, one
 * response out) the adapters share; the config types and the demo world it starts with.
 */
export {
  ADMIN_PREFIX,
  ConfigError,
  createGatewayCore,
  DEFAULT_SERVER_TIMEOUTS,
  DEMO_CREDENTIALS,
  DEMO_SEED,
  DEMO_SERVICE_IDS,
  demoWorld,
  Gateway,
  loadConfigFile,
  NAMED_FAULTS,
  PROXY_SERVICE_IDS,
  resolveConfig,
  startGateway,
  STATUS_FAULTS,
  TEST_ID_HEADER,
  withProxyServices,
} from '../mock/index.ts';
export type {
  Account,
  AdminConfig,
  App,
  Behaviour,
  ExchangeEvents,
  Fault,
  FaultName,
  GatewayConfig,
  GatewayConfigInput,
  GatewayConfigOverrides,
  GatewayLimits,
  GatewayRequest,
  GatewayResponse,
  JournalEntry,
  JournalVerdict,
  ModelKind,
  ProxyModelConfig,
  ProxyOptions,
  RequestBody,
  RunningGateway,
  ServerTimeouts,
  Service,
  TypedEvents,
  User,
  World,
  LiveWorld,
  WorldChange,
  NewAccessKey,
  NewApp,
  NewService,
  NewUser,
  IssuedCredentials,
} from '../mock/index.ts';
// The world changed at runtime (gateway.world): its refusals.
export { WorldChangeError } from '../mock/index.ts';
// Services of your own (issue #13): model forms, handler functions, the Usage Guides view.
export { MODEL_KINDS, OWN_SERVICE_ID, PREDICTION_SHAPES, PRESET_NAMES } from '../mock/index.ts';
export type {
  ApiParameter,
  HandlerAnswer,
  HandlerRequest,
  ModelConfig,
  ModelHandler,
  ModelSpec,
  PresetName,
  PresetSpec,
  ServiceAddress,
  ServiceApi,
  StartOptions,
  StaticAnswer,
  UsageGuide,
  UsageGuideApi,
} from '../mock/index.ts';

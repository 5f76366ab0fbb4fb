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
  resolveConfig,
  startGateway,
  TEST_ID_HEADER,
} from '../mock/index.ts';
export type {
  Account,
  AdminConfig,
  App,
  Behaviour,
  ExchangeEvents,
  GatewayConfig,
  GatewayConfigInput,
  GatewayConfigOverrides,
  GatewayLimits,
  GatewayRequest,
  GatewayResponse,
  JournalEntry,
  JournalVerdict,
  ModelKind,
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

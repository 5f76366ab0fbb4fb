/**
 * `apig-kit`: the everyday things, the clients and the mock on a port. The rest is in
 * `apig-kit/protocol`, `/mock`, `/express`, `/msw`, `/kit` and `/vitest`.
 */
export * from '../clients/index.ts';
export { type RunningGateway, startGateway } from '../mock/adapters/express.ts';
export { DEMO_CREDENTIALS, DEMO_SERVICE_IDS } from '../mock/config/demo-world.ts';
export type { GatewayConfigOverrides } from '../mock/config/load-config.ts';

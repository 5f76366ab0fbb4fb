/**
 * `apig-kit`: the everyday things, the clients and the mock on a port. The rest is in
 * `apig-kit/protocol`, `/mock`, `/express`, `/msw`, `/kit` and `/vitest`.
 */
export * from '../clients/index.ts';
export { DEMO_CREDENTIALS, DEMO_SERVICE_IDS, type GatewayConfigOverrides, type RunningGateway, startGateway } from '../mock/index.ts';

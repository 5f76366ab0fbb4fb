/** `apig-kit/express`: the mock gateway as an Express app, for supertest or to mount in your own server. */
export { createGateway, type GatewayApp } from '../mock/index.ts';

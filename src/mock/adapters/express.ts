import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import { createRequestListener } from './node-listener.ts';

export { toGatewayRequest } from './node-request.ts';
export { DRAIN_LIMITS, writeGatewayResponse } from './node-response.ts';
export {
  DEFAULT_SERVER_TIMEOUTS,
  type GatewayTlsOptions,
  type RunningGateway,
  type RunningHttps,
  type ServerTimeouts,
  startGateway,
  type StartGatewayOptions,
  TlsSetupError,
} from './server.ts';

/**
 * The gateway as an Express app, for supertest or to mount in an app of your own. No body parser
 * runs: the gateway reads the raw bytes itself. (Served by a server of your own, a client that
 * stops reading is not swept: startGateway's server does that.)
 */
/**
 * The Express app, typed as the request listener it is (mount it, serve it, hand it to supertest) so
 * that its users need no @types/express.
 */
export type GatewayApp = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void) & { gateway: Gateway };

/**
 * `options.address: 'iam'` makes the app the IAM address (every service takes token and AK/SK,
 * modelarts-services.md §5.1); pass the first app's `gateway` so both share one state.
 */
export function createGateway(config: GatewayConfigOverrides | GatewayConfig | Gateway = {}, options: { address?: 'iam' } = {}): GatewayApp {
  const gateway = config instanceof Gateway ? config : createGatewayCore(config);
  const listener = createRequestListener(gateway, options);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req: IncomingMessage, res: ServerResponse) => listener(req, res));
  return Object.assign(app, { gateway });
}

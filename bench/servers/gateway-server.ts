/**
 * The mock gateway for the load benchmark, in its own process: prints `{"url":…}` on one line, and
 * serves until SIGTERM. Throttling is off (apiRateLimitPerSecond: 0): the benchmark measures the
 * request pipeline, not the default limit of 200 calls per second per API, which would refuse most of the load.
 */
import { startGateway } from '../../src/mock/adapters/express.ts';
import { serveUntilTerminated } from './serve.ts';

const running = await startGateway({ config: { limits: { apiRateLimitPerSecond: 0 } }, port: 0, host: '127.0.0.1' });
serveUntilTerminated(running.url, running.close);

/**
 * The mock gateway for the load benchmark, in its own process, as users run it: the compiled
 * package (`npm run build`), through its public entry point, in plain Node. Prints `{"url":…}` on one
 * line and serves until SIGTERM. Throttling is off (apiRateLimitPerSecond: 0): the benchmark measures
 * the request pipeline, not the default limit of 200 calls per second per API.
 */
import { existsSync } from 'node:fs';
import { serveUntilTerminated } from './serve.mjs';

const entry = new URL('../../dist/src/entry/mock.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('bench: dist/ is missing: run npm run build first\n');
  process.exit(2);
}
const { startGateway } = await import(entry.href);
const running = await startGateway({ config: { limits: { apiRateLimitPerSecond: 0 } }, port: 0, host: '127.0.0.1' });
serveUntilTerminated(running.url, running.close);

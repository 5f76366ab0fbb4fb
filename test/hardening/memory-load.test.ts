/**
 * Memory and load, against `apig-kit mock` in its own process (its RSS read from /proc): 20
 * concurrent 12 MB uploads stay under 300 MB at peak; a short autocannon run on loopback has no
 * errors and leaves no memory growth behind. And in-process: the journal keeps to its capacity
 * over 100,000 requests. (The over-cap chunked upload cut off at 12 MB plus one chunk is in
 * raw-socket.test.ts.)
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { createGatewayCore } from '../../src/mock/gateway.ts';
import { procStatusBytes, spawnMock, type SpawnedMock } from './support/spawned-mock.ts';
import { toGatewayRequest } from './support/wire-request.ts';

const MB = 1024 * 1024;
const IRIS_JSON = JSON.stringify({ data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } });

describe.runIf(process.platform === 'linux')('memory and load of the mock in its own process', () => {
  let mock: SpawnedMock;

  beforeAll(async () => {
    // No throttle: the load run would otherwise be mostly 429s.
    mock = await spawnMock({ config: { limits: { apiRateLimitPerSecond: 0 } } });
  }, 20_000);
  afterAll(() => mock?.stop());

  it('20 concurrent uploads just under 12 MB: all answered, peak RSS under 300 MB', async () => {
    const body = Buffer.alloc(12 * MB - 1024, 0x5a);
    const upload = async () => {
      const response = await fetch(`${mock.url}/v1/infers/${S.echoApp}`, {
        method: 'POST',
        headers: { apikey: C.appKey, 'Content-Type': 'application/octet-stream' },
        body,
      });
      return { status: response.status, bytes: ((await response.json()) as { body_bytes: number }).body_bytes };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, upload));
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ status: 200, bytes: body.length })));
    expect(procStatusBytes(mock.pid, 'VmHWM')).toBeLessThan(300 * MB);
  }, 60_000);

  it('a load run (token auth, iris, loopback, 2 s twice): no errors, no memory growth between runs', async () => {
    const login = await fetch(`${mock.url}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
          scope: { project: { name: 'cn-north-4' } },
        },
      }),
    });
    const token = login.headers.get('x-subject-token')!;
    const run = () =>
      autocannon({
        url: `${mock.url}/v1/infers/${S.iris}`,
        method: 'POST',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        body: IRIS_JSON,
        connections: 8,
        duration: 2,
      });
    const first = await run();
    const afterFirst = procStatusBytes(mock.pid, 'VmRSS');
    const second = await run();
    const afterSecond = procStatusBytes(mock.pid, 'VmRSS');
    for (const result of [first, second]) {
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
      expect(result.requests.total).toBeGreaterThan(100);
    }
    // Journal and throttle state are bounded, so a second run as long as the first adds nothing lasting
    // (the margin absorbs when the collector happens to run; a leak per request would blow through it).
    expect(afterSecond).toBeLessThan(afterFirst + 64 * MB);
  }, 30_000);
});

describe('the journal under 100,000 requests', () => {
  it('never holds more than its capacity, and keeps counting', async () => {
    const gateway = createGatewayCore({ behaviour: { journalSize: 50 }, limits: { apiRateLimitPerSecond: 0 } });
    const paths = [`/v1/infers/${S.echoApp}`, '/v1/infers/unknown', `/v1/infers/${S.iris}`];
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const body = new TextEncoder().encode(`{"i":${i}}`);
      await gateway.handle(
        toGatewayRequest({
          method: 'POST',
          target: paths[i % 3]!,
          headers: [
            ['apikey', C.appKey],
            ['content-type', 'application/json'],
          ],
          body,
          chunkSizes: [],
          declaredLength: 'exact',
        }),
      );
      largest = Math.max(largest, gateway.journal.size);
    }
    expect(largest).toBe(50);
    expect(gateway.journal.lastSequence).toBe(100_000);
    expect(gateway.journal.list()[0]!.sequence).toBe(100_000 - 49);
  }, 60_000);
});

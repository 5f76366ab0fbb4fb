/**
 * The request-size limits at their edges (gateway.md §4: URI 32 KB → 414, one header 32 KB or all
 * 128 KB → 494, APIG.0201): a header counts as nginx counts its line, `name: value`. The journal's
 * detail says which limit was crossed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, expectNoUnexpected500, type GatewayApp, gatewayApp, S } from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS_APP = `/v1/infers/${S.irisApp}`;

async function call(app: GatewayApp, headers: Array<[string, string]>, target = IRIS_APP): Promise<number> {
  const request: GatewayRequest = toGatewayRequest({
    method: 'POST',
    target,
    headers: [['host', 'gw.apig-kit.test'], ['content-type', 'application/json'], ['x-apig-appcode', C.appCode], ...headers],
    body: Buffer.from('{}'),
    chunkSizes: [],
    declaredLength: 'exact',
  });
  return (await app.gateway.handle(request)).status;
}

describe('one header', () => {
  it('"name: value" of exactly the limit passes; one byte more is 494', async () => {
    const app = gatewayApp({ limits: { maxHeaderBytes: 200 } });
    const name = 'x-padding';
    const fits = 'v'.repeat(200 - name.length - 2);
    expect(await call(app, [[name, fits]])).not.toBe(494);
    expect(await call(app, [[name, `${fits}v`]])).toBe(494);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ rule: 'request.headers-too-large', detail: 'header x-padding is over 200 bytes' });
  });
});

describe('all headers together and the URI', () => {
  it('the block over its limit is 494, and the detail says so', async () => {
    const app = gatewayApp({ limits: { maxHeaderBlockBytes: 400 } });
    expect(
      await call(app, [
        ['x-a', 'v'.repeat(150)],
        ['x-b', 'v'.repeat(150)],
      ]),
    ).toBe(494);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ detail: 'the headers are over 400 bytes in all' });
  });

  it('a URI over its limit is 414, and the detail says so', async () => {
    const app = gatewayApp({ limits: { maxUriBytes: 100 } });
    expect(await call(app, [], `${IRIS_APP}?q=${'x'.repeat(100)}`)).toBe(414);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ rule: 'request.uri-too-large', detail: 'the URI is over 100 bytes' });
  });
});

describe('the detail of other refusals', () => {
  it('an unpublished stage names the path and the stage; RELEASE when none was sent', async () => {
    const app = gatewayApp();
    expect(await call(app, [['x-stage', 'DEVELOP']])).toBe(404);
    expect(await call(app, [], '/v1/infers/no-such-service')).toBe(404);
    const [stage, path] = app.gateway.journal.list();
    expect(stage?.detail).toBe(`no published API matches ${IRIS_APP} in stage DEVELOP`);
    expect(path?.detail).toBe('no published API matches /v1/infers/no-such-service in stage RELEASE');
  });

  it('a throttled call says how many calls one second allows', async () => {
    const app = gatewayApp({ clock: { start: '2026-11-23T09:00:00Z', frozen: true }, limits: { apiRateLimitPerSecond: 1 } });
    await call(app, []);
    expect(await call(app, [])).toBe(429);
    expect(app.gateway.journal.list().at(-1)?.detail).toBe('more than 1 calls in one second');
  });
});

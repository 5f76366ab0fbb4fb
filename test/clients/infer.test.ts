/** InferenceClient / infer(): bodies, URLs, typed errors, the 12 MB cap, timeout and retries (gateway.md §4, §6). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import { classifyImage } from '../../src/mock/models/image-scores.ts';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  ApigError,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Fetch,
  infer,
  InferenceClient,
  RequestTimeoutError,
  RequestTooLargeError,
  TokenAuthenticator,
  TokenProvider,
} from '../../src/clients/index.ts';
import { LIMITS } from '../../src/protocol/index.ts';
import { apigError, C, fakeFetch, IRIS_ANSWER, IRIS_INPUT, jsonAnswer, passwordLogin, S, serviceUrl, servicesWithSlowDelay, start } from './support.ts';

// A PNG signature, then arbitrary bytes (the image model refuses a file that is not an image).
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4088 }, (_, i) => (i * 31 + 7) % 256)]);
const HEX32 = /^[0-9a-f]{32}$/;

describe('inference against the mock gateway', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start({ world: { services: servicesWithSlowDelay(800) } });
  });
  afterAll(() => g.close());
  beforeEach(() => g.gateway.reset());

  const now = () => g.gateway.clock.now();
  const aksk = () => new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now });

  it('AK/SK, JSON: the answer, its status and X-Request-Id', async () => {
    const result = await infer(serviceUrl(g, S.iris), { json: IRIS_INPUT }, { auth: aksk() });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(IRIS_ANSWER);
    expect(result.requestId).toMatch(HEX32);
    expect(result.requestId).toBe(g.gateway.journal.list().at(-1)!.requestId);
    expect(result.headers.get('server')).toBe('api-gateway');
  });

  it('AK/SK, multipart image to flower-images: signed as UNSIGNED-PAYLOAD', async () => {
    const result = await infer(
      serviceUrl(g, S.image),
      { file: { field: 'images', name: 'flower.png', content: IMAGE, contentType: 'image/png' } },
      { auth: aksk() },
    );
    expect(result.body).toEqual(classifyImage(IMAGE));
    const entry = g.gateway.journal.list().at(-1)!;
    expect(entry.headers['x-sdk-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(entry.signature?.signedHeaders).toContain('x-sdk-content-sha256');
    expect(entry.headers['content-type']).toMatch(/^multipart\/form-data; boundary=----apig-kit-[0-9a-f]{32}$/);
  });

  it('multipart with the app signature and with apikey, as the ModelArts examples do', async () => {
    const file = { field: 'images', name: 'flower.png', content: IMAGE };
    const signedApp = new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, now });
    expect((await infer(serviceUrl(g, S.imageApp), { file }, { auth: signedApp })).body).toEqual(classifyImage(IMAGE));
    expect((await infer(serviceUrl(g, S.imageApp), { file }, { auth: new ApiKeyAuthenticator(C.appKey) })).body).toEqual(classifyImage(IMAGE));
  });

  it('base64 in a JSON field: {"image": "<base64>"}', async () => {
    const result = await infer(serviceUrl(g, S.image), { base64Field: { field: 'image', content: IMAGE } }, { auth: aksk() });
    expect(result.body).toEqual(classifyImage(IMAGE));
  });

  it('sub-path and query on the echo service, signed and forwarded as sent', async () => {
    const client = new InferenceClient({ serviceUrl: serviceUrl(g, S.echo), auth: aksk() });
    const result = await client.infer(
      { json: { q: 'é' } },
      { path: '/predictions/poetry', query: { b: 'x y', a: ['2', '1'], plus: '1+1', skip: undefined }, headers: { 'X-Trace': 't-1' } },
    );
    expect(result.body).toMatchObject({
      method: 'POST',
      sub_path: '/predictions/poetry',
      query: 'b=x%20y&a=2&a=1&plus=1%2B1',
      content_type: 'application/json',
      json: { q: 'é' },
      headers: { 'x-stage': 'RELEASE', 'x-trace': 't-1' },
    });
    expect(g.gateway.journal.list().at(-1)!.signature?.signedHeaders).toEqual(['content-type', 'host', 'x-sdk-date', 'x-stage', 'x-trace']);
  });

  it('X-Stage defaults to RELEASE; another stage is 404 APIG.0101', async () => {
    const error = await infer(serviceUrl(g, S.echoApp), { json: {} }, { auth: new AppCodeAuthenticator(C.appCode), stage: 'DEVELOP' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApigError);
    expect(error).toMatchObject({ status: 404, errorCode: 'APIG.0101' });
  });

  it('wrong SK: ApigError APIG.0301 401, requestId equal to the X-Request-Id header', async () => {
    const seen: Headers[] = [];
    const recording: Fetch = async (url, init) => {
      const response = await fetch(url, init);
      seen.push(response.headers);
      return response;
    };
    const auth = new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: 'not-the-secret-key', now });
    const error = await infer(serviceUrl(g, S.iris), { json: IRIS_INPUT }, { auth, fetch: recording }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApigError);
    const apig = error as ApigError;
    expect({ status: apig.status, errorCode: apig.errorCode }).toEqual({ status: 401, errorCode: 'APIG.0301' });
    expect(apig.errorMsg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:POST\|/);
    expect(apig.requestId).toMatch(HEX32);
    expect(apig.requestId).toBe(seen[0]!.get('x-request-id'));
    expect(apig.message).toContain('APIG.0301');
  });

  it('wrong temporary SK: the security token echoed in the canonical request is masked', async () => {
    const auth = new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: 'not-the-secret-key', securityToken: C.securityToken, now });
    const error = (await infer(serviceUrl(g, S.iris), { json: IRIS_INPUT }, { auth }).catch((e: unknown) => e)) as ApigError;
    expect(error.errorCode).toBe('APIG.0301');
    expect(error.errorMsg).toContain('x-security-token:[redacted]');
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain(C.securityToken);
  });

  it('domain-scoped token: ApigError ModelArts.0212, requestId from the X-Request-Id header', async () => {
    const login = await fetch(`${g.url}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
          scope: { domain: { name: C.account } },
        },
      }),
    });
    const domainToken = login.headers.get('x-subject-token')!;
    const error = await infer(serviceUrl(g, S.iris), { json: IRIS_INPUT }, { auth: new TokenAuthenticator(domainToken) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApigError);
    expect(error).toMatchObject({ status: 401, errorCode: 'ModelArts.0212', errorMsg: 'Invalid Token header. The Token not contain project item. ' });
    expect((error as ApigError).requestId).toBe(g.gateway.journal.list().at(-1)!.requestId);
  });

  it('over 12 MB: RequestTooLargeError before anything is sent, not even an IAM login', async () => {
    const auth = new TokenAuthenticator(new TokenProvider({ login: passwordLogin(g) }, { now }));
    const error = await infer(
      serviceUrl(g, S.image),
      { file: { field: 'images', name: 'big.bin', content: new Uint8Array(LIMITS.maxBodyBytes) } },
      { auth },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTooLargeError);
    expect(error).toMatchObject({ limitBytes: LIMITS.maxBodyBytes });
    expect((error as RequestTooLargeError).bodyBytes).toBeGreaterThan(LIMITS.maxBodyBytes);
    expect(g.gateway.journal.list()).toEqual([]);
  });

  it('a slow service and a short client timeout: RequestTimeoutError', async () => {
    const started = performance.now();
    const error = await infer(serviceUrl(g, S.slow), { json: {} }, { auth: aksk(), timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 150 });
    expect(performance.now() - started).toBeLessThan(700);
  });

  it('the same slow service answers within a longer timeout', async () => {
    const result = await infer(serviceUrl(g, S.slow), { json: { slow: true } }, { auth: aksk(), timeoutMs: 10_000 });
    expect(result.body).toMatchObject({ json: { slow: true } });
  });
});

describe('retrying throttled calls against the mock gateway (1 call/s, frozen clock)', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start({ limits: { apiRateLimitPerSecond: 1 }, clock: { start: '2026-11-23T09:00:00Z', frozen: true } });
  });
  afterAll(() => g.close());
  beforeEach(() => g.gateway.reset());

  const client = (retry: boolean, sleep?: (ms: number) => Promise<void>) =>
    new InferenceClient({ serviceUrl: serviceUrl(g, S.irisApp), auth: new AppCodeAuthenticator(C.appCode), retry, sleep });

  it('without retries the second call in the same second is ApigError 429 APIG.0308', async () => {
    await client(false).infer({ json: IRIS_INPUT });
    await expect(client(false).infer({ json: IRIS_INPUT })).rejects.toMatchObject({ name: 'ApigError', status: 429, errorCode: 'APIG.0308' });
  });

  it('with retries it waits (here: moves the gateway clock) and succeeds', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      g.gateway.clock.advance(ms);
    };
    await client(false).infer({ json: IRIS_INPUT });
    const result = await client(true, sleep).infer({ json: IRIS_INPUT });
    expect(result.body).toEqual(IRIS_ANSWER);
    expect(waits).toEqual([500, 1000]);
    expect(g.gateway.journal.list().map((e) => e.status)).toEqual([200, 429, 429, 200]);
  });
});

describe('InferenceClient with a fake fetch', () => {
  const URL_ = 'https://gw.example.test/v1/infers/abc';
  const auth = new AppCodeAuthenticator(C.appCode);

  it('retries are off by default', async () => {
    const fetch = fakeFetch(apigError(503, 'APIG.0201', 'Backend unavailable.'), jsonAnswer(200, {}));
    await expect(infer(URL_, { json: {} }, { auth, fetch })).rejects.toMatchObject({ status: 503 });
    expect(fetch.calls).toHaveLength(1);
  });

  it('retries 502, 503, 504 and 429 APIG.0308 with exponential backoff', async () => {
    const waits: number[] = [];
    const fetch = fakeFetch(
      apigError(502, 'APIG.0202', 'Backend unavailable'),
      apigError(503, 'APIG.0613', 'The IAM service is currently unavailable.'),
      apigError(429, 'APIG.0308', 'The throttling threshold has been reached: policy api over ratelimit,limit:1,time:1 second'),
      apigError(504, 'APIG.0203', 'Backend timeout'),
      jsonAnswer(200, { ok: true }),
    );
    const result = await infer(URL_, { json: {} }, { auth, fetch, retry: { retries: 4, baseDelayMs: 100 }, sleep: async (ms) => void waits.push(ms) });
    expect(result.body).toEqual({ ok: true });
    expect(waits).toEqual([100, 200, 400, 800]);
  });

  it('caps the backoff and gives up after the last retry with the last error', async () => {
    const waits: number[] = [];
    const fetch = fakeFetch(apigError(503, 'APIG.0201', 'Backend unavailable.'));
    const error = await infer(
      URL_,
      { json: {} },
      { auth, fetch, retry: { retries: 3, baseDelayMs: 1000, maxDelayMs: 1500 }, sleep: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApigError', status: 503 });
    expect(fetch.calls).toHaveLength(4);
    expect(waits).toEqual([1000, 1500, 1500]);
  });

  it.each([
    ['a 429 that is not APIG throttling (ModelArts.4206)', () => apigError(429, 'ModelArts.4206', 'Excessive number of requests to x.')],
    ['401', () => apigError(401, 'APIG.0303', 'Incorrect app authentication information: app not found with specified appCode')],
    ['500', () => apigError(500, 'ModelArts.4302', 'Gateway forwarding error because the access is rejected. ')],
    ['413', () => apigError(413, 'APIG.0201', 'Request entity too large.')],
  ])('does not retry %s', async (_, answer) => {
    const fetch = fakeFetch(answer(), jsonAnswer(200, {}));
    await expect(infer(URL_, { json: {} }, { auth, fetch, retry: true, sleep: async () => undefined })).rejects.toBeInstanceOf(ApigError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('signs each attempt afresh (a new X-Sdk-Date)', async () => {
    let now = Date.parse('2026-11-23T09:00:00Z');
    const fetch = fakeFetch(apigError(504, 'APIG.0203', 'Backend timeout'), jsonAnswer(200, {}));
    const signer = new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => now });
    await infer(URL_, { json: {} }, { auth: signer, fetch, retry: { baseDelayMs: 2000 }, sleep: async (ms) => void (now += ms) });
    expect(fetch.calls.map((c) => c.headers.get('x-sdk-date'))).toEqual(['20261123T090000Z', '20261123T090002Z']);
    expect(fetch.calls[0]!.headers.get('authorization')).not.toBe(fetch.calls[1]!.headers.get('authorization'));
  });

  it('sends POST, Content-Type and X-Stage, and the exact encoded bytes', async () => {
    const fetch = fakeFetch(jsonAnswer(200, {}));
    await infer(URL_, { json: { a: 'é' } }, { auth, fetch, stage: 'TEST' });
    const [call] = fetch.calls;
    expect(call!.method).toBe('POST');
    expect(call!.headers.get('content-type')).toBe('application/json');
    expect(call!.headers.get('x-stage')).toBe('TEST');
    expect(new TextDecoder().decode(call!.body as Uint8Array)).toBe('{"a":"é"}');
  });

  it('returns a non-JSON answer as text', async () => {
    const fetch = fakeFetch(new Response('plain words', { status: 200, headers: { 'Content-Type': 'text/plain', 'X-Request-Id': 'ef'.repeat(16) } }));
    expect(await infer(URL_, { json: {} }, { auth, fetch })).toMatchObject({ status: 200, body: 'plain words', requestId: 'ef'.repeat(16) });
  });

  it('a body of exactly the cap is sent; one byte more is refused', async () => {
    const fetch = fakeFetch(jsonAnswer(200, {}));
    const client = new InferenceClient({ serviceUrl: URL_, auth, fetch, maxBodyBytes: 10 });
    await client.infer({ json: '12345678' });
    await expect(client.infer({ json: '123456789' })).rejects.toMatchObject({ name: 'RequestTooLargeError', bodyBytes: 11, limitBytes: 10 });
    expect(fetch.calls).toHaveLength(1);
  });

  it("the caller's own abort is passed on as it is, not as a timeout", async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    const fetch = fakeFetch(jsonAnswer(200, {}));
    await expect(infer(URL_, { json: {} }, { auth, fetch, signal: controller.signal })).rejects.toThrow('caller gave up');
  });

  it('the default timeout is 40 s', async () => {
    const client = new InferenceClient({ serviceUrl: URL_, auth });
    expect(client.toJSON()).toMatchObject({ timeoutMs: 40_000, stage: 'RELEASE', maxBodyBytes: LIMITS.maxBodyBytes, retry: { retries: 0 } });
  });
});

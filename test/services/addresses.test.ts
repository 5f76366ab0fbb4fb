/**
 * Both addresses of a service (modelarts-services.md §5.1): a service with app auth on is reached at
 * its app-auth address with the app methods and at the IAM address with token and AK/SK, each
 * refusing the other family; the world lists each service as the Usage Guides tab does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { officialSign } from '../support/official-sdk.ts';

const IRIS = { data: { req_data: [{ sepal_length: 6, sepal_width: 3, petal_length: 6, petal_width: 2 }] } };
const json = { 'Content-Type': 'application/json' };

describe('the IAM address and the app-auth address', () => {
  let running: RunningGateway;
  let token: string;

  beforeAll(async () => {
    running = await startGateway({ iamPort: 0 });
    const login = await fetch(`${running.url}/v3/auth/tokens`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
          scope: { project: { name: 'cn-north-4' } },
        },
      }),
    });
    token = login.headers.get('x-subject-token')!;
  });
  afterAll(() => running.close());

  const call = (base: string, id: string, headers: Record<string, string>) =>
    fetch(`${base}/v1/infers/${id}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(IRIS) });
  const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error_code?: string }).error_code];

  it('serves the IAM address on a port of its own', () => {
    expect(running.iamUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.iamUrl).not.toBe(running.url);
  });

  it('app-auth address: AppCode and apikey in, token refused with APIG.0303', async () => {
    expect((await call(running.url, S.irisApp, { 'X-Apig-AppCode': C.appCode })).status).toBe(200);
    expect((await call(running.url, S.irisApp, { apikey: C.appKey })).status).toBe(200);
    expect(await codeOf(await call(running.url, S.irisApp, { 'X-Auth-Token': token }))).toEqual([401, 'APIG.0303']);
  });

  it('IAM address: token and an AK/SK signature by the official SDK in, AppCode refused with APIG.0301', async () => {
    const iamUrl = running.iamUrl!;
    expect((await call(iamUrl, S.irisApp, { 'X-Auth-Token': token })).status).toBe(200);
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint: `${iamUrl}/v1/infers/${S.irisApp}`, method: 'POST', headers: { 'content-type': 'application/json' }, queryParams: {}, data: IRIS },
      { ak: C.accessKey, sk: C.secretKey },
    );
    const signed = await fetch(`${iamUrl}/v1/infers/${S.irisApp}`, { method: 'POST', headers, body: JSON.stringify(IRIS) });
    expect(signed.status).toBe(200);
    expect(await codeOf(await call(iamUrl, S.irisApp, { 'X-Apig-AppCode': C.appCode }))).toEqual([401, 'APIG.0301']);
    // An IAM-only service is the same at either address.
    expect((await call(iamUrl, S.iris, { 'X-Auth-Token': token })).status).toBe(200);
  });

  it('an app signature at the IAM address is read as an AK/SK one: the AppKey is no IAM access key', async () => {
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint: `${running.iamUrl}/v1/infers/${S.irisApp}`, method: 'POST', headers: { 'content-type': 'application/json' }, queryParams: {}, data: IRIS },
      { ak: C.appKey, sk: C.appSecret },
    );
    const response = await fetch(`${running.iamUrl}/v1/infers/${S.irisApp}`, { method: 'POST', headers, body: JSON.stringify(IRIS) });
    expect(await codeOf(response)).toEqual([401, 'APIG.0301']);
  });

  it('the world lists each service with its addresses per auth type and its APIs, from either port', async () => {
    for (const base of [running.url, running.iamUrl!]) {
      const world = (await (await fetch(`${base}/_apig-kit/world`)).json()) as { services: Array<{ id: string; usageGuide: unknown }> };
      const guide = (id: string) => world.services.find((s) => s.id === id)!.usageGuide;
      expect(guide(S.irisApp)).toEqual({
        addresses: [
          { auth: 'iam', methods: ['token', 'aksk'], url: `${running.iamUrl}/v1/infers/${S.irisApp}` },
          { auth: 'app', methods: ['app', 'appcode', 'apikey'], url: `${running.url}/v1/infers/${S.irisApp}` },
        ],
        model: 'iris',
        apis: [
          {
            method: 'POST',
            path: '/',
            protocol: 'http',
            contentType: 'application/json',
            responseContentType: 'application/json',
            input: [{ name: 'data', type: 'object', required: false }],
            output: [{ name: 'data', type: 'object', required: false }],
          },
        ],
      });
      expect(guide(S.iris)).toMatchObject({ addresses: [{ auth: 'iam', methods: ['token', 'aksk'], url: `${running.url}/v1/infers/${S.iris}` }] });
      expect(guide(S.poetry)).toMatchObject({
        model: 'preset undefined',
        modelAlgorithm: 'poetry_generation',
        modelType: 'Image',
        apis: [
          { method: 'POST', path: '/predictions/poetry', input: [{ name: 'prompt', type: 'string' }], output: [{ name: 'poem', type: 'string' }] },
          { method: 'GET', path: '/health', input: [], output: [] },
        ],
      });
      expect(guide(S.image)).toMatchObject({ apis: [{ contentType: 'multipart/form-data', input: [{ name: 'images', type: 'file' }] }] });
    }
  });

  it('without iamPort, only the first address is served and listed', async () => {
    const single = await startGateway();
    try {
      expect(single.iamUrl).toBeUndefined();
      const world = (await (await fetch(`${single.url}/_apig-kit/world`)).json()) as { services: Array<{ id: string; usageGuide: { addresses: unknown[] } }> };
      expect(world.services.find((s) => s.id === S.irisApp)!.usageGuide.addresses).toEqual([
        { auth: 'app', methods: ['app', 'appcode', 'apikey'], url: `${single.url}/v1/infers/${S.irisApp}` },
      ]);
    } finally {
      await single.close();
    }
  });

  it('closes both ports', async () => {
    const both = await startGateway({ iamPort: 0 });
    await both.close();
    await expect(fetch(`${both.iamUrl}/_apig-kit/world`)).rejects.toThrow();
  });
});

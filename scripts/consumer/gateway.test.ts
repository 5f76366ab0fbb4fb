import { setupServer } from 'msw/node';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AkSkAuthenticator, ApiKeyAuthenticator, InferenceClient } from 'apig-kit/clients';
import { createGateway } from 'apig-kit/express';
import { DEMO_CREDENTIALS, DEMO_SERVICE_IDS } from 'apig-kit/mock';
import { createGatewayHandlers } from 'apig-kit/msw';
import { mockGateway } from 'apig-kit/vitest';

const IRIS_INPUT = { data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_length: 1.4, petal_width: 0.2 }] } };
const aksk = new AkSkAuthenticator({ accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey });

describe('the mock from apig-kit/vitest', () => {
  it('answers a signed call on the URL the globalSetup provides', async () => {
    const mock = mockGateway();
    const result = await new InferenceClient({ serviceUrl: mock.serviceUrl('iris-classifier'), auth: aksk }).infer({ json: IRIS_INPUT });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ meta: { uuid: '' }, data: { resp_data: [{ ...IRIS_INPUT.data.req_data[0], predictresult: 'Iris-setosa' }] } });
    await mock.reset();
  });

  it('serves the IAM address too: a service with app auth takes an AK/SK signature there', async () => {
    const mock = mockGateway();
    const url = mock.serviceUrl('iris-classifier-app', 'iam');
    expect(url.startsWith(mock.iamUrl)).toBe(true);
    expect((await new InferenceClient({ serviceUrl: url, auth: aksk }).infer({ json: IRIS_INPUT })).status).toBe(200);
  });
});

describe('msw handlers', () => {
  const server = setupServer(...createGatewayHandlers({}, { baseUrl: 'https://my-apig.example.com' }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answer intercepted fetch calls in-process', async () => {
    const client = new InferenceClient({
      serviceUrl: `https://my-apig.example.com/v1/infers/${DEMO_SERVICE_IDS.irisApp}`,
      auth: new ApiKeyAuthenticator(DEMO_CREDENTIALS.appKey),
    });
    expect((await client.infer({ json: IRIS_INPUT })).status).toBe(200);
  });
});

describe('supertest on createGateway', () => {
  it('refuses an unsigned call as APIG does', async () => {
    const response = await request(createGateway()).post(`/v1/infers/${DEMO_SERVICE_IDS.iris}`).send({});
    expect(response.status).toBe(401);
    expect(response.body.error_code).toMatch(/^APIG\./);
  });
});

// Type-checked under strict, for module nodenext and for moduleResolution bundler: the public types hold.
import { AkSkAuthenticator, ApigError, type InferenceResult, InferenceClient, startGateway, type RunningGateway } from 'apig-kit';
import { TokenAuthenticator, TokenProvider } from 'apig-kit/clients';
import { createGateway, type GatewayApp } from 'apig-kit/express';
import { type ClientUnderTest, loadScenarios, BUNDLED_SCENARIOS, runKit, type RunReport } from 'apig-kit/kit';
import { createGatewayCore, DEMO_CREDENTIALS, DEMO_SERVICE_IDS, demoWorld, type GatewayConfigOverrides, type GatewayRequest, type World } from 'apig-kit/mock';
import { createGatewayHandlers } from 'apig-kit/msw';
import { signRequest, type Verdict, verifyRequest } from 'apig-kit/protocol';
import { mockGateway } from 'apig-kit/vitest';

const config: GatewayConfigOverrides = { limits: { backendTimeoutMs: 500 }, behaviour: { explain: true } };
const app: GatewayApp = createGateway(config);
const handlers = createGatewayHandlers({}, { baseUrl: 'https://apig.example.com' });
const world: World = demoWorld();
const core = createGatewayCore();

export async function everything(): Promise<number> {
  const running: RunningGateway = await startGateway({ config, port: 0 });
  const client = new InferenceClient({
    serviceUrl: `${running.url}/v1/infers/${DEMO_SERVICE_IDS.iris}`,
    auth: new AkSkAuthenticator({ accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey }),
  });
  const token = new TokenAuthenticator(
    new TokenProvider({
      login: {
        iamUrl: running.url,
        user: DEMO_CREDENTIALS.user,
        password: DEMO_CREDENTIALS.password,
        account: DEMO_CREDENTIALS.account,
        project: { name: 'cn-north-4' },
      },
    }),
  );
  const result: InferenceResult = await client.infer({ json: { data: {} } }, { path: '/v2/predict', query: { a: '1' } });
  await new InferenceClient({ serviceUrl: running.url, auth: token })
    .infer({ file: { field: 'images', name: 'f.png', content: new Uint8Array([1, 2, 3]) } })
    .catch((e: unknown) => {
      if (e instanceof ApigError) return e.errorCode;
      throw e;
    });
  const signed = signRequest(
    { method: 'POST', url: running.url, headers: {}, body: new Uint8Array(0) },
    { accessKey: 'AK', secretKey: 'SK' },
    { date: Date.now() },
  );
  const verdict: Verdict = await verifyRequest(
    { method: 'POST', target: '/', headers: signed.headers },
    { lookup: (ak) => (ak === 'AK' ? 'SK' : undefined), now: Date.now() },
  );
  const byRecord: Verdict = await verifyRequest(
    { method: 'POST', target: '/', headers: signed.headers },
    { lookup: async () => ({ secretKey: 'SK' }), now: Date.now() },
  );
  const request: GatewayRequest = { method: 'GET', target: '/', path: '/', query: '', headers: new Map(), body: { declaredLength: 0, async *chunks() {} } };
  const answer = await core.handle(request);
  const clients: ClientUnderTest[] = [{ name: 'mine', command: 'true' }];
  const report: RunReport = await runKit({ clients, scenarios: await loadScenarios([BUNDLED_SCENARIOS]) });
  await running.close();
  return (
    result.status +
    answer.status +
    report.summary.total +
    Number(verdict.accepted) +
    Number(byRecord.accepted) +
    handlers.length +
    world.services.length +
    app.gateway.journal.size
  );
}

export function inTest(): string {
  const mock = mockGateway();
  return mock.serviceUrl('iris-classifier') + mock.world.region;
}

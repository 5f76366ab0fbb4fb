/** The clients over HTTPS: a CA to trust (the mock's printed certificate), or none checked (curl -k). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInfer } from '../../src/cli/commands/infer.ts';
import {
  AkSkAuthenticator,
  AppCodeAuthenticator,
  ConnectionError,
  InferenceClient,
  TokenAuthenticator,
  TokenProvider,
  tlsFetch,
} from '../../src/clients/index.ts';
import { type RunningGateway, startGateway } from '../../src/mock/adapters/express.ts';
import { generateLocalCertificate } from '../../src/mock/adapters/tls-certificate.ts';
import { C, IRIS_ANSWER, IRIS_INPUT, passwordLogin, S } from './support.ts';

describe('clients over HTTPS', () => {
  let g: RunningGateway;
  let ca: string;
  let base: string;
  beforeAll(async () => {
    g = await startGateway({ tls: { only: true } });
    ca = readFileSync(g.https!.certificateFile, 'utf8');
    base = g.https!.url;
  }, 30_000);
  afterAll(() => g.close());

  const aksk = () => new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => g.gateway.clock.now() });
  const iris = () => `${base}/v1/infers/${S.iris}`;

  it('with tls.ca the printed certificate: an AK/SK call answers', async () => {
    const client = new InferenceClient({ serviceUrl: iris(), auth: aksk(), tls: { ca } });
    const result = await client.infer({ json: IRIS_INPUT });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(IRIS_ANSWER);
  });

  it(
    'without it the certificate is not trusted: ConnectionError, no answer; with rejectUnauthorized false it is not checked',
    { timeout: 30_000 },
    async () => {
      const untrusting = new InferenceClient({ serviceUrl: iris(), auth: aksk() });
      await expect(untrusting.infer({ json: IRIS_INPUT })).rejects.toBeInstanceOf(ConnectionError);
      // A CA that is not the mock's does not help either.
      const other = new InferenceClient({
        serviceUrl: iris(),
        auth: aksk(),
        tls: { ca: (await generateLocalCertificate()).caPem },
      });
      await expect(other.infer({ json: IRIS_INPUT })).rejects.toBeInstanceOf(ConnectionError);
      const insecure = new InferenceClient({ serviceUrl: iris(), auth: aksk(), tls: { rejectUnauthorized: false } });
      expect((await insecure.infer({ json: IRIS_INPUT })).status).toBe(200);
    },
  );

  it('a TokenProvider logs in over HTTPS with the same option, and one tlsFetch can serve both', async () => {
    const provider = new TokenProvider({ login: { ...passwordLogin(g), iamUrl: base } }, { tls: { ca } });
    expect((await provider.getToken()).length).toBeGreaterThan(100);
    const shared = tlsFetch({ ca });
    const viaShared = new TokenProvider({ login: { ...passwordLogin(g), iamUrl: base } }, { fetch: shared });
    const client = new InferenceClient({ serviceUrl: iris(), auth: new TokenAuthenticator(viaShared), fetch: shared });
    expect((await client.infer({ json: IRIS_INPUT })).status).toBe(200);
  });

  it('AppCode over HTTPS is accepted (no APIG.0607)', async () => {
    const client = new InferenceClient({ serviceUrl: `${base}/v1/infers/${S.irisApp}`, auth: new AppCodeAuthenticator(C.appCode), tls: { ca } });
    expect((await client.infer({ json: IRIS_INPUT })).status).toBe(200);
  });

  it('fetch and tls together are refused: a fetch of its own brings its own trust', () => {
    expect(() => new InferenceClient({ serviceUrl: iris(), auth: aksk(), fetch, tls: { ca } })).toThrow(TypeError);
  });

  it('apig-kit infer: --cacert, $APIG_CA_FILE, --insecure', async () => {
    const out: string[] = [];
    const io = (env: NodeJS.ProcessEnv) => ({
      env: { APIG_AK: C.accessKey, APIG_SK: C.secretKey, ...env },
      out: (t: string) => out.push(t),
      err: () => undefined,
    });
    const json = JSON.stringify(IRIS_INPUT);
    expect(await runInfer(iris(), { auth: 'aksk', json, cacert: g.https!.certificateFile }, io({}))).toBe(0);
    expect(await runInfer(iris(), { auth: 'aksk', json }, io({ APIG_CA_FILE: g.https!.certificateFile }))).toBe(0);
    expect(await runInfer(iris(), { auth: 'aksk', json, insecure: true }, io({}))).toBe(0);
    await expect(runInfer(iris(), { auth: 'aksk', json }, io({}))).rejects.toThrow(`cannot reach ${base}/`);
    expect(out.filter((line) => line.startsWith('HTTP 200'))).toHaveLength(3);
  });
});

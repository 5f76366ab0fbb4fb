/**
 * Secret hygiene, end to end: every auth method, good and bad, against `apig-kit mock` in its own
 * process, with our clients and with raw fetch. No secret of the world (passwords, SKs, the
 * security token, AppSecrets, AppCodes, the token signing key, the tokens IAM issued, and the
 * wrong secrets we sent) may appear in the server's output, the journal, any error answer, or any
 * client error however it is rendered. `GET /_apig-kit/world` hands out the credentials on purpose:
 * it is the one place left out (and used to prove the scan finds them).
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S, demoWorld } from '../../src/mock/config/demo-world.ts';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Authenticator,
  InferenceClient,
  TokenAuthenticator,
  TokenProvider,
} from '../../src/clients/index.ts';
import { signRequest } from '../../src/protocol/index.ts';
import { spawnMock, type SpawnedMock } from './support/spawned-mock.ts';

const IRIS_INPUT = { data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } };
const IRIS_JSON = JSON.stringify(IRIS_INPUT);
const WRONG = {
  password: 'Wrong-Passw0rd-hygiene!',
  secretKey: 'wrongSecretKeyHygiene00000000000000000001',
  appSecret: 'wrongAppSecretHygiene0000000000000001',
  appCode: 'wrongAppCodeHygiene000000000000000000000000000000000000000000000001',
};
const WORLD_SECRETS = [
  ...demoWorld().users.flatMap((u) => [u.password, ...u.accessKeys.map((k) => k.sk), ...u.temporaryAccessKeys.flatMap((k) => [k.sk, k.securityToken])]),
  ...demoWorld().apps.flatMap((a) => [a.secret, ...a.appCodes]),
  demoWorld().tokenSigningKey,
  ...Object.values(WRONG),
];

/** Every way an object commonly ends up in a log. */
function renderings(value: unknown): string[] {
  const out = [JSON.stringify(value) ?? '', String(value), inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY })];
  if (value instanceof Error) out.push(value.message, value.stack ?? '', JSON.stringify(Object.getOwnPropertyDescriptors(value)));
  return out;
}

function leaks(texts: readonly string[], secrets: readonly string[]): string[] {
  return texts.flatMap((text) => secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 12)}… in ${text.slice(0, 200)}`));
}

for (const mode of ['strict', 'warn'] as const) {
  describe(`no secret leaves the mock (${mode} mode, explain on)`, () => {
    let mock: SpawnedMock;
    const answers: string[] = [];
    const clientErrors: unknown[] = [];
    const issuedTokens: string[] = [];
    const secrets = () => [...WORLD_SECRETS, ...issuedTokens];
    const url = (id: string) => `${mock.url}/v1/infers/${id}`;

    /** Raw fetch; records the body and headers of any answer that is not a token handed out on purpose. */
    async function send(path: string, init: RequestInit): Promise<Response> {
      const response = await fetch(`${mock.url}${path}`, init);
      const text = await response.text();
      const issuing = path.startsWith('/v3/auth/tokens') && response.ok;
      if (issuing) issuedTokens.push(response.headers.get('x-subject-token') ?? '');
      answers.push(issuing ? text : `${text}\n${JSON.stringify([...response.headers])}`);
      return response;
    }

    async function login(user: string, password: string, account: string, scope: object): Promise<Response> {
      const body = JSON.stringify({
        auth: { identity: { methods: ['password'], password: { user: { name: user, password, domain: { name: account } } } }, scope },
      });
      return send('/v3/auth/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    }

    function signed(
      id: string,
      credentials: { accessKey: string; secretKey: string; securityToken?: string },
      extra: Record<string, string> = {},
    ): RequestInit {
      const target = `${url(id)}?hygiene=1`;
      const { headers } = signRequest(
        { method: 'POST', url: target, headers: { 'Content-Type': 'application/json', ...extra }, body: IRIS_JSON },
        credentials,
        { date: Date.now() },
      );
      return { method: 'POST', headers: { 'Content-Type': 'application/json', ...extra, ...headers }, body: IRIS_JSON };
    }

    async function viaClient(id: string, auth: Authenticator): Promise<number> {
      const client = new InferenceClient({ serviceUrl: url(id), auth });
      try {
        return (await client.infer({ json: IRIS_INPUT })).status;
      } catch (error) {
        clientErrors.push(error);
        return (error as { status?: number }).status ?? -1;
      }
    }

    beforeAll(async () => {
      mock = await spawnMock({ args: ['--explain', '--mode', mode] });
    }, 20_000);
    afterAll(() => mock?.stop());

    it('drives every auth method, good and bad, then finds no secret anywhere but /_apig-kit/world', async () => {
      // IAM password login: good, wrong password, other account, domain scope, a truncated body holding a password.
      expect((await login(C.user, C.password, C.account, { project: { name: 'cn-north-4' } })).status).toBe(201);
      expect((await login(C.user, WRONG.password, C.account, { project: { name: 'cn-north-4' } })).status).toBe(401);
      expect((await login(C.otherUser, C.otherPassword, C.otherAccount, { project: { name: 'cn-north-4' } })).status).toBe(201);
      expect((await login(C.user, C.password, C.account, { domain: { name: C.account } })).status).toBe(201);
      const truncated = JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: C.user, password: C.password } } } } }).slice(
        0,
        -3,
      );
      expect((await send('/v3/auth/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: truncated })).status).toBe(400);
      const [token, otherToken, domainToken] = issuedTokens as [string, string, string];
      expect((await send('/v3/auth/tokens', { method: 'GET', headers: { 'X-Auth-Token': token, 'X-Subject-Token': `${otherToken}x` } })).status).toBe(404);

      // The clients: each method, good then bad.
      const provider = new TokenProvider({
        login: { iamUrl: mock.url, user: C.user, password: C.password, account: C.account, project: { name: 'cn-north-4' } },
      });
      const badProvider = new TokenProvider({
        login: { iamUrl: mock.url, user: C.user, password: WRONG.password, account: C.account, project: { name: 'cn-north-4' } },
      });
      const calls: Array<[string, Authenticator, number]> = [
        [S.iris, new TokenAuthenticator(provider), 200],
        [S.iris, new TokenAuthenticator(badProvider), 401],
        [S.iris, new TokenAuthenticator(`${token.slice(0, 100)}A${token.slice(101)}`), 401],
        [S.iris, new TokenAuthenticator(otherToken), 401],
        [S.iris, new TokenAuthenticator(domainToken), 401],
        [S.iris, new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey }), 200],
        [S.iris, new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: WRONG.secretKey }), 401],
        [S.iris, new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken }), 200],
        [S.iris, new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: WRONG.secretKey, securityToken: C.securityToken }), 401],
        [S.iris, new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: `${C.securityToken}0` }), 401],
        [S.iris, new AkSkAuthenticator({ accessKey: C.otherAccessKey, secretKey: C.otherSecretKey }), 401],
        [S.irisApp, new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret }), 200],
        [S.irisApp, new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: WRONG.appSecret }), 401],
        [S.irisApp, new AppSignatureAuthenticator({ appKey: C.unboundAppKey, appSecret: C.unboundAppSecret }), 403],
        [S.irisApp, new AppCodeAuthenticator(C.appCode), 200],
        [S.irisApp, new AppCodeAuthenticator(WRONG.appCode), 401],
        [S.irisApp, new ApiKeyAuthenticator(C.appKey), 200],
        [S.irisApp, new ApiKeyAuthenticator('guessed-app-key-0009'), 401],
        [S.iris, new AppCodeAuthenticator(C.appCode), 401],
      ];
      for (const [id, auth, status] of calls) {
        const got = await viaClient(id, auth);
        // Warn mode lets refused credentials through; the answer is then the model's.
        if (mode === 'strict' || status === 200) expect(got, `${auth.kind} on ${id}`).toBe(status);
      }
      clientErrors.push(...calls.map(([, auth]) => auth), provider, badProvider);

      // Raw fetch: credentials in the wrong places and forms.
      const json = { 'Content-Type': 'application/json' };
      const raw: Array<[string, RequestInit]> = [
        [S.iris, { method: 'POST', headers: { ...json, 'X-Auth-Token': token }, body: IRIS_JSON }],
        [S.iris, { method: 'POST', headers: { ...json, Authorization: `Bearer ${token}` }, body: IRIS_JSON }],
        [
          S.iris,
          { method: 'POST', headers: { ...json, Authorization: `Basic ${Buffer.from(`${C.user}:${C.password}`).toString('base64')}` }, body: IRIS_JSON },
        ],
        [S.iris, { method: 'POST', headers: { ...json, Authorization: `Basic ${C.user}:${C.password}` }, body: IRIS_JSON }],
        [S.iris, { method: 'POST', headers: { ...json, Authorization: C.secretKey }, body: IRIS_JSON }],
        [S.iris, { method: 'POST', headers: { ...json, 'X-Security-Token': C.securityToken }, body: IRIS_JSON }],
        [S.iris, { method: 'POST', headers: { ...json, 'Proxy-Authorization': `Bearer ${token}` }, body: IRIS_JSON }],
        [S.iris, signed(S.iris, { accessKey: C.accessKey, secretKey: WRONG.secretKey })],
        [S.iris, signed(S.iris, { accessKey: C.temporaryAccessKey, secretKey: WRONG.secretKey, securityToken: C.securityToken })],
        [S.irisApp, signed(S.irisApp, { accessKey: C.appKey, secretKey: WRONG.appSecret }, { 'X-Apig-AppCode-Hint': 'none' })],
        [S.irisApp, { method: 'POST', headers: { ...json, 'X-Apig-AppCode': WRONG.appCode }, body: IRIS_JSON }],
        [
          S.echoApp,
          { method: 'POST', headers: { ...json, 'X-Apig-AppCode': C.appCode, 'X-Security-Token': C.securityToken, 'X-Auth-Token': token }, body: IRIS_JSON },
        ],
        [S.echo, { method: 'POST', headers: { ...json, 'X-Auth-Token': token, 'X-Subject-Token': otherToken, apikey: C.appKey }, body: IRIS_JSON }],
        [S.echo, { method: 'GET', headers: { 'X-Auth-Token': token } }],
        [S.stopped, { method: 'POST', headers: { ...json, 'X-Auth-Token': token }, body: IRIS_JSON }],
      ];
      for (const [id, init] of raw) await send(`/v1/infers/${id}`, init);

      const journal = await (await fetch(`${mock.url}/_apig-kit/journal`)).text();
      expect(JSON.parse(journal).length ?? JSON.parse(journal).entries?.length).toBeGreaterThan(30);
      const world = await (await fetch(`${mock.url}/_apig-kit/world`)).text();
      const found = [
        ...leaks([mock.output()], secrets()).map((l) => `output: ${l}`),
        ...leaks([journal], secrets()).map((l) => `journal: ${l}`),
        ...leaks(answers, secrets()).map((l) => `answer: ${l}`),
        ...leaks(clientErrors.flatMap(renderings), secrets()).map((l) => `client: ${l}`),
      ];
      expect(found).toEqual([]);
      // The scan is real: the world endpoint, which hands the credentials out on purpose, has them all.
      const credentials = WORLD_SECRETS.filter((s) => !Object.values(WRONG).includes(s) && s !== demoWorld().tokenSigningKey);
      expect(leaks([world], credentials)).toHaveLength(credentials.length);
      expect(issuedTokens).toHaveLength(3);
      expect(clientErrors.filter((e) => e instanceof Error).length).toBeGreaterThan(mode === 'strict' ? 10 : 0);
    }, 30_000);
  });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { CliError, EXIT } from '../../src/cli/cli-error.ts';
import { envName, type InferOptions, resolveCredentials, runInfer } from '../../src/cli/commands/infer.ts';

const IRIS_ROW = JSON.stringify({ data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_length: 5.5, petal_width: 2 }] } });
const dir = mkdtempSync(join(tmpdir(), 'apig-kit-infer-'));

describe('apig-kit infer', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await startGateway();
  });
  afterAll(() => g.close());

  async function run(service: string, options: InferOptions, env: NodeJS.ProcessEnv = {}) {
    let out = '';
    let err = '';
    const code = await runInfer(`${g.url}/v1/infers/${service}`, options, { env, out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  }

  it.each([
    ['aksk', S.iris, { ak: C.accessKey, sk: C.secretKey }],
    ['aksk (temporary)', S.iris, { ak: C.temporaryAccessKey, sk: C.temporarySecretKey, securityToken: C.securityToken }],
    ['token', S.iris, { user: C.user, password: C.password, account: C.account, project: 'cn-north-4' }],
    ['app', S.irisApp, { appKey: C.appKey, appSecret: C.appSecret }],
    ['appcode', S.irisApp, { appCode: C.appCode }],
    ['apikey', S.irisApp, { appKey: C.appKey }],
  ] as const)('--auth %s reaches the iris model', async (label, service, credentials) => {
    const { code, out } = await run(service, { auth: label.split(' ')[0]!, json: IRIS_ROW, ...credentials });
    expect(code).toBe(0);
    expect(out).toMatch(/^HTTP 200 \(X-Request-Id [0-9a-f]{32}\)\n/);
    expect(out).toContain('"predictresult": "Iris-virginica"');
  });

  it('uploads a file as multipart with --file field=@path', async () => {
    const path = join(dir, 'flower.png');
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    const { code, out } = await run(S.image, { auth: 'aksk', file: `images=@${path}`, ak: C.accessKey, sk: C.secretKey });
    expect(code).toBe(0);
    expect(out).toContain('"predicted_label"');
  });

  it('prints the gateway error and exits 1 on a refusal', async () => {
    const { code, out } = await run(S.iris, { auth: 'aksk', json: '{}', ak: C.accessKey, sk: 'wrong' });
    expect(code).toBe(1);
    expect(out).toMatch(/^HTTP 401 /);
    expect(out).toContain('APIG.0301');
  });

  it('--verbose shows the request with credentials masked', async () => {
    const { err } = await run(S.irisApp, { auth: 'appcode', json: IRIS_ROW, appCode: C.appCode, verbose: true });
    expect(err).toContain(`> x-apig-appcode: [redacted, ${C.appCode.length} chars]`);
    expect(err).not.toContain(C.appCode);
  });

  it('takes credentials from flags, then a profile file, then APIG_* variables', () => {
    const profile = join(dir, 'profile.json');
    writeFileSync(profile, JSON.stringify({ ak: 'FROM_PROFILE', sk: 'profile-sk' }));
    const env = { [envName('ak')]: 'FROM_ENV', [envName('sk')]: 'env-sk', [envName('appKey')]: 'env-app' };
    expect(envName('securityToken')).toBe('APIG_SECURITY_TOKEN');
    expect(resolveCredentials({ auth: 'aksk', ak: 'FROM_FLAG', profile }, env)).toMatchObject({ ak: 'FROM_FLAG', sk: 'profile-sk', appKey: 'env-app' });
  });

  it.each([
    [{ auth: 'aksk', json: '{}' }, /needs --ak \(or APIG_AK\), --sk \(or APIG_SK\)/],
    [{ auth: 'token', json: '{}', user: 'u', password: 'p', account: 'a' }, /--project/],
    [{ auth: 'magic', json: '{}' }, /--auth must be one of/],
    [{ auth: 'apikey', appKey: 'k' }, /exactly one of --json/],
    [{ auth: 'apikey', appKey: 'k', json: '{nope' }, /--json is not valid JSON/],
    [{ auth: 'apikey', appKey: 'k', file: 'images' }, /field=@path/],
  ])('refuses bad usage with a clear message (%o), a usage error', async (options, message) => {
    await expect(run(S.iris, options as InferOptions)).rejects.toThrow(CliError);
    await expect(run(S.iris, options as InferOptions)).rejects.toThrow(message);
    await expect(run(S.iris, options as InferOptions)).rejects.toMatchObject({ exitCode: EXIT.usage });
  });

  it('names the cause and the URL when nothing answers, a failed check', async () => {
    const closed = await startGateway();
    await closed.close();
    const url = `${closed.url}/v1/infers/${S.iris}`;
    const failure = runInfer(`${url}?q=1`, { auth: 'aksk', json: '{}', ak: C.accessKey, sk: C.secretKey }, { env: {}, out: () => {}, err: () => {} });
    await expect(failure).rejects.toMatchObject({
      name: 'CliError',
      message: `cannot reach ${url}: ECONNREFUSED (connection refused: nothing listens there)`,
      exitCode: EXIT.failed,
    });
  });
});

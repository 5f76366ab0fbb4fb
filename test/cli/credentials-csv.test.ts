/** credentials.csv round trips: the mock writes one (admin route, start flag), `apig-kit infer --credentials` reads it, the call succeeds. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error.ts';
import { type InferOptions, runInfer } from '../../src/cli/commands/infer.ts';
import { writeCredentialFiles } from '../../src/cli/write-credentials.ts';
import { startGateway, type RunningGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { parseCredentialsCsv } from '../../src/protocol/index.ts';

const IRIS_ROW = JSON.stringify({ data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_length: 5.5, petal_width: 2 }] } });
const dir = mkdtempSync(join(tmpdir(), 'apig-kit-csv-'));

describe('credentials.csv', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await startGateway();
  });
  afterAll(() => g.close());

  async function infer(options: Partial<InferOptions>) {
    let out = '';
    const code = await runInfer(
      `${g.url}/v1/infers/${S.iris}`,
      { auth: 'aksk', json: IRIS_ROW, ...options },
      { env: {}, out: (t) => (out += t), err: () => {} },
    );
    return { code, out };
  }

  it('GET /_apig-kit/users/{name}/credentials.csv → infer --credentials → 200', async () => {
    const res = await fetch(`${g.url}/_apig-kit/users/${C.user}/credentials.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="credentials.csv"');
    const text = await res.text();
    expect(text).toBe(`User Name,Access Key Id,Secret Access Key\r\n${C.user},${C.accessKey},${C.secretKey}\r\n`);
    const path = join(dir, 'downloaded.csv');
    writeFileSync(path, text);
    const { code, out } = await infer({ credentials: path });
    expect(code).toBe(0);
    expect(out).toContain('"predictresult": "Iris-virginica"');
  });

  it('a key created at runtime round-trips too; a user without keys is 404, an unknown one 404', async () => {
    g.gateway.world.createUser({ name: 'csv-user' });
    expect((await fetch(`${g.url}/_apig-kit/users/csv-user/credentials.csv`)).status).toBe(404);
    expect((await fetch(`${g.url}/_apig-kit/users/nobody/credentials.csv`)).status).toBe(404);
    const { ak } = g.gateway.world.createAccessKey('csv-user');
    const path = join(dir, 'runtime.csv');
    writeFileSync(path, await (await fetch(`${g.url}/_apig-kit/users/csv-user/credentials.csv`)).text());
    const { code } = await infer({ credentials: path });
    expect(code).toBe(0);
    expect(g.gateway.journal.list().at(-1)?.principal).toContain(ak);
  });

  it('the start flag writes <dir>/<user>/credentials.csv, owner-only, which infer reads', async () => {
    const out = join(dir, 'written');
    const written = writeCredentialFiles(out, g.gateway.config.world);
    expect(written).toEqual([join(out, C.user, 'credentials.csv'), join(out, C.otherUser, 'credentials.csv')]);
    expect(statSync(written[0]!).mode & 0o777).toBe(0o600);
    const reading = parseCredentialsCsv(readFileSync(written[0]!));
    expect(reading).toEqual({ ok: true, credentials: [{ userName: C.user, accessKey: C.accessKey, secretKey: C.secretKey }] });
    expect((await infer({ credentials: written[0]! })).code).toBe(0);
  });

  it('a user name cannot leave the directory', () => {
    const out = join(dir, 'hostile');
    const world = structuredClone(g.gateway.config.world);
    world.users[0]!.name = '../../escape';
    expect(writeCredentialFiles(out, world)[0]).toBe(join(out, '..%2F..%2Fescape', 'credentials.csv'));
  });

  it('flags win over the file; a bad file is a usage error that quotes no key', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, `AK,SK\n${C.accessKey},${C.secretKey}\n`);
    const error = await infer({ credentials: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(String(error)).toMatch(/no "User Name", "Access Key Id", "Secret Access Key" column/);
    expect(String(error)).not.toContain(C.secretKey);
    await expect(infer({ credentials: join(dir, 'missing.csv') })).rejects.toThrow(/ENOENT/);
    const good = join(dir, 'good.csv');
    writeFileSync(good, `User Name,Access Key Id,Secret Access Key\nu,${C.accessKey},wrong-secret\n`);
    expect((await infer({ credentials: good })).code).toBe(1);
    expect((await infer({ credentials: good, sk: C.secretKey })).code).toBe(0);
  });
});

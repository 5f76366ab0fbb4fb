/**
 * `apig-kit mock` as a separate process: it prints one JSON line with --json, accepts requests signed
 * by the official SDK signer, refuses a tampered one, and exits cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { officialSign } from '../support/official-sdk.ts';

const BIN = join(import.meta.dirname, '../../bin/apig-kit.js');

describe('apig-kit mock (separate process)', () => {
  let child: ChildProcess;
  let url: string;
  let world: { services: Array<{ id: string }> };
  let credentialFiles: string[];
  const credentialsDir = mkdtempSync(join(tmpdir(), 'apig-kit-mock-csv-'));

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--json', '--write-credentials', credentialsDir, '--admin-files-dir', 'off'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    ({ url, world, credentialFiles } = JSON.parse(line));
  }, 20_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints its URL and the world on one JSON line', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(world.services.map((s) => s.id)).toContain(S.iris);
  });

  it("--write-credentials writes each user's credentials.csv and lists them in the JSON line", () => {
    expect(credentialFiles).toEqual([join(credentialsDir, C.user, 'credentials.csv'), join(credentialsDir, C.otherUser, 'credentials.csv')]);
    expect(readFileSync(credentialFiles[0]!, 'utf8')).toBe(`User Name,Access Key Id,Secret Access Key\r\n${C.user},${C.accessKey},${C.secretKey}\r\n`);
  });

  it('--admin-files-dir off: a service made over the admin API cannot name a file', async () => {
    const make = (model: unknown) =>
      fetch(`${url}/_apig-kit/services`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'peek', auth: 'app', model }),
      });
    const refused = await make({ static: { bodyFile: BIN } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/admin\.filesDir is off/);
    expect((await make({ static: { body: 'inline' } })).status).toBe(201);
  });

  it('accepts an iris call signed by the official SDK signer, and refuses it once tampered', async () => {
    const data = { meta: { uuid: 'sdk-1' }, data: { req_data: [{ sepal_length: 6, sepal_width: 3, petal_length: 6, petal_width: 2 }] } };
    const host = new URL(url).host;
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint: `${url}/v1/infers/${S.iris}`, method: 'POST', headers: { 'content-type': 'application/json' }, queryParams: {}, data },
      { ak: C.accessKey, sk: C.secretKey },
    );
    expect(headers['host']).toBe(host);
    const send = (body: string) => fetch(`${url}/v1/infers/${S.iris}`, { method: 'POST', headers, body });
    const ok = await send(JSON.stringify(data));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ meta: { uuid: 'sdk-1' }, data: { resp_data: [{ ...data.data.req_data[0], predictresult: 'Iris-virginica' }] } });
    const tampered = await send(JSON.stringify({ ...data, meta: { uuid: 'sdk-2' } }));
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error_code: string }).error_code).toBe('APIG.0301');
  });

  it('accepts an app call signed by the official SDK signer with AppKey/AppSecret and a query', async () => {
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      {
        endpoint: `${url}/v1/infers/${S.echoApp}/v2/predict`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-stage': 'RELEASE' },
        queryParams: { b: '2', a: ['y', 'x'] },
        data: { q: 'é' },
      },
      { ak: C.appKey, sk: C.appSecret },
    );
    const response = await fetch(`${url}/v1/infers/${S.echoApp}/v2/predict?b=2&a=y&a=x`, { method: 'POST', headers, body: JSON.stringify({ q: 'é' }) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sub_path: string }).sub_path).toBe('/v2/predict');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});

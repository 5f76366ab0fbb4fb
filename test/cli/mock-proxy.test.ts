/**
 * `apig-kit mock --proxy URL` as a separate process in front of a real model server (another
 * process): one command, both addresses, every auth method reaching the model.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C } from '../../src/mock/config/demo-world.ts';
import { type ModelServer, startModelServer } from '../support/model-server.ts';
import { officialSign } from '../support/official-sdk.ts';

const BIN = join(import.meta.dirname, '../../bin/apig-kit.js');

describe('apig-kit mock --proxy', () => {
  let model: ModelServer;
  let child: ChildProcess;
  let printed: { url: string; proxy: { target: string; health: string; iamUrl: string; appUrl: string } };

  beforeAll(async () => {
    model = await startModelServer();
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--json', '--proxy', model.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    printed = JSON.parse(line);
  }, 20_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await model.kill();
  });

  it('prints both addresses and the first health probe', () => {
    expect(printed.proxy).toEqual({
      target: model.url,
      health: 'healthy: GET /health answered 200, probed every 5 s',
      iamUrl: `${printed.url}/v1/infers/8080c0de-0000-4000-8000-000000000001`,
      appUrl: `${printed.url}/v1/infers/8080c0de-0000-4000-8000-000000000002`,
    });
  });

  it('an AK/SK call signed by the official SDK reaches the model at its sub-path, body intact, credentials stripped', async () => {
    const data = { inputs: 'a poem about gateways' };
    const endpoint = `${printed.proxy.iamUrl}/predictions/poetry`;
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint, method: 'POST', headers: { 'content-type': 'application/json' }, queryParams: { lang: 'en' }, data },
      { ak: C.accessKey, sk: C.secretKey },
    );
    const res = await fetch(`${endpoint}?lang=en`, { method: 'POST', headers, body: JSON.stringify(data) });
    expect(res.status).toBe(200);
    const seen = (await res.json()) as { target: string; bodySha256: string; headers: Record<string, string> };
    expect(seen.target).toBe('/predictions/poetry?lang=en');
    expect(seen.bodySha256).toBe(createHash('sha256').update(JSON.stringify(data)).digest('hex'));
    expect(seen.headers['authorization']).toBeUndefined();
  });

  it.each([
    ['AppCode', { 'X-Apig-AppCode': C.appCode }],
    ['apikey', { apikey: C.appKey }],
  ])('the app address takes %s', async (_name, headers) => {
    const res = await fetch(`${printed.proxy.appUrl}/goodbye`, { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('\nGoodbye!\n');
  });

  it('the IAM address refuses app credentials, the app address IAM ones', async () => {
    expect((await fetch(printed.proxy.iamUrl, { method: 'POST', headers: { 'X-Apig-AppCode': C.appCode }, body: '{}' })).status).toBe(401);
    expect((await fetch(printed.proxy.appUrl, { method: 'POST', headers: { 'X-Auth-Token': 'MIIx' }, body: '{}' })).status).toBe(401);
  });

  it('a --proxy that is not an http(s) URL is a usage error, named', () => {
    const run = spawnSync(process.execPath, [BIN, 'mock', '--port', '0', '--proxy', 'localhost:8080'], { encoding: 'utf8', timeout: 15_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--proxy localhost:8080: a proxy target is an http:\/\/ or https:\/\/ URL/);
  });
});

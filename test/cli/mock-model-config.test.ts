/**
 * `apig-kit mock --model-config config.json` (issue #13): one service with the config's APIs behind
 * both IAM and app auth; the banner shows its addresses, its APIs and how to call it by each method.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C } from '../../src/mock/config/demo-world.ts';
import { OWN_SERVICE_ID } from '../../src/mock/services/own-service.ts';
import { startModelServer } from '../support/model-server.ts';

const BIN = join(import.meta.dirname, '../../bin/apig-kit.js');
const CONFIG = join(import.meta.dirname, '../../fixtures/model-configs/custom-image.json');

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Lines of stdout until `last` matches. */
async function linesUntil(process: ChildProcess, last: RegExp): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdout! })) {
    lines.push(line);
    if (last.test(line)) break;
  }
  return lines;
}

describe('apig-kit mock --model-config', () => {
  it('serves the config.json service at both addresses, each taking its own family', async () => {
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--model-config', CONFIG, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const { url, iamUrl, world } = JSON.parse(line) as { url: string; iamUrl: string; world: { services: Array<{ id: string; name: string; auth: string }> } };
    expect(world.services.map((s) => [s.id, s.name, s.auth])).toEqual([[OWN_SERVICE_ID, 'my-service', 'app']]);
    const service = `/v1/infers/${OWN_SERVICE_ID}`;
    const greet = await fetch(`${url}${service}/greet`, {
      method: 'POST',
      headers: { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' },
      body: '{"name":"apig"}',
    });
    expect(greet.status).toBe(200);
    expect(((await greet.json()) as { sub_path: string }).sub_path).toBe('/greet');
    const undeclared = await fetch(`${url}${service}/predict`, {
      method: 'POST',
      headers: { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect([undeclared.status, await undeclared.json()]).toEqual([404, { error_code: 'ModelArts.4204', error_msg: 'API /predict does not exist.' }]);
    const login = await fetch(`${iamUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
          scope: { project: { name: 'cn-north-4' } },
        },
      }),
    });
    const token = login.headers.get('x-subject-token')!;
    const goodbye = await fetch(`${iamUrl}${service}/goodbye`, { headers: { 'X-Auth-Token': token } });
    expect(goodbye.status).toBe(200);
    const wrongFamily = await fetch(`${iamUrl}${service}/goodbye`, { headers: { 'X-Apig-AppCode': C.appCode } });
    expect(wrongFamily.status).toBe(401);
  }, 30_000);

  it('prints both addresses, the APIs with their parameters, and the credentials for every auth method', async () => {
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--model-config', CONFIG, '--service-name', 'greeter'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const banner = (await linesUntil(child, /^Ctrl-C stops\.$/)).join('\n');
    const [, url, iamUrl] = /listening on (http:\/\/\S+) \(IAM address on (http:\/\/\S+)\)/.exec(banner) ?? [];
    expect(url && iamUrl).toBeTruthy();
    expect(banner).toMatch(
      new RegExp(`greeter \\(preset undefined, app auth\\)\\n +IAM address \\(IAM token, AK/SK signature\\): +${iamUrl}/v1/infers/${OWN_SERVICE_ID}`),
    );
    expect(banner).toMatch(new RegExp(`App address \\(AppKey/AppSecret signature, AppCode, apikey\\): +${url}/v1/infers/${OWN_SERVICE_ID}`));
    expect(banner).toContain('POST /greet (application/json) in: name string; out: response string');
    expect(banner).toContain('GET /goodbye (application/json) in: --; out: --');
    expect(banner).toContain('warning: apis[0]: "procotol" read as "protocol"');
    for (const credential of [C.password, C.accessKey, C.secretKey, C.appKey, C.appSecret, C.appCode]) expect(banner).toContain(credential);
    expect(banner).toMatch(/Calling greeter:\n +IAM token +POST .*\/v3\/auth\/tokens/);
  }, 30_000);

  it('with --proxy, puts a real model server (another process) behind the declared APIs; an undeclared one never reaches it', async () => {
    const model = await startModelServer();
    try {
      child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--model-config', CONFIG, '--proxy', model.url, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const { url, iamUrl } = JSON.parse(line) as { url: string; iamUrl: string };
      const service = `/v1/infers/${OWN_SERVICE_ID}`;
      const appcode = { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' };
      const greet = await fetch(`${url}${service}/greet?lang=en`, { method: 'POST', headers: appcode, body: '{"name":"apig"}' });
      expect(greet.status).toBe(200);
      expect(((await greet.json()) as { target: string }).target).toBe('/greet?lang=en');
      const undeclared = await fetch(`${url}${service}/predictions/poetry`, { method: 'POST', headers: appcode, body: '{}' });
      expect([undeclared.status, ((await undeclared.json()) as { error_code: string }).error_code]).toEqual([404, 'ModelArts.4204']);
      expect((await model.received()).paths).toEqual(['/greet?lang=en']);
      // The IAM address takes no AppCode, and never reaches the model either.
      expect((await fetch(`${iamUrl}${service}/greet`, { method: 'POST', headers: appcode, body: '{}' })).status).toBe(401);
      expect((await model.received()).count).toBe(1);
    } finally {
      child?.kill('SIGKILL');
      await model.kill();
    }
  }, 30_000);

  it('refuses a config.json that cannot be read, naming it', async () => {
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--model-config', 'no-such.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/cannot read model config .*no-such\.json: ENOENT/);
  }, 30_000);
});

/** `apig-kit mock --https` as a separate process: the certificate file it prints is the one to trust, and its flags are checked. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsOptions } from '../../src/cli/commands/mock.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { httpsCall } from '../adapters/https-support.ts';

const BIN = join(import.meta.dirname, '../../bin/apig-kit.js');

describe('apig-kit mock --https (separate process)', () => {
  let child: ChildProcess;
  let printed: { url: string; https: { url: string; certificateFile: string; fingerprint256: string; generated: boolean } };

  beforeAll(async () => {
    child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--https', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    printed = JSON.parse(line);
  }, 30_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints both URLs and the certificate file; a client trusting that file gets answers, AppCode over HTTP gets APIG.0607', async () => {
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.https).toMatchObject({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), generated: true });
    const ca = readFileSync(printed.https.certificateFile, 'utf8');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(ca).not.toMatch(/PRIVATE KEY/);
    const call = { headers: { 'Content-Type': 'application/json', 'X-Apig-AppCode': C.appCode }, body: '{}' };
    expect((await httpsCall(`${printed.https.url}/v1/infers/${S.echoApp}`, { ...call, ca })).status).toBe(200);
    const overHttp = await fetch(`${printed.url}/v1/infers/${S.echoApp}`, { method: 'POST', ...call });
    expect(overHttp.status).toBe(400);
    expect(await overHttp.json()).toMatchObject({ error_code: 'APIG.0607', error_msg: 'The following protocol is supported: HTTPS' });
  });

  it('removes the generated certificate file when stopped', async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(existsSync(printed.https.certificateFile)).toBe(false);
  });
});

describe('the HTTPS flags', () => {
  const flags = (options: Record<string, unknown>, port = 8787) => tlsOptions({ port: String(port), host: '127.0.0.1', ...options }, port);

  it('--https beside HTTP on --port + 1 (any free port with --port 0); --https-only on --port; files and the output path passed on', () => {
    expect(flags({})).toBeUndefined();
    expect(flags({ https: true })).toMatchObject({ only: false, port: 8788 });
    expect(flags({ https: true }, 0)).toMatchObject({ port: 0 });
    expect(flags({ httpsPort: '9443' })).toMatchObject({ only: false, port: 9443 });
    expect(flags({ httpsOnly: true })).toMatchObject({ only: true });
    expect(flags({ tlsCert: 'c.pem', tlsKey: 'k.pem' })).toMatchObject({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(flags({ https: true, tlsCertOut: 'ca.pem' })).toMatchObject({ certificateOut: 'ca.pem' });
  });

  it('refuses flags that do not go together, with a reason', () => {
    expect(() => flags({ tlsCert: 'c.pem' })).toThrow('--tls-cert and --tls-key go together');
    expect(() => flags({ tlsCert: 'c.pem', tlsKey: 'k.pem', tlsCertOut: 'o.pem' })).toThrow(/--tls-cert-out is for the generated certificate/);
    expect(() => flags({ httpsOnly: true, httpsPort: '9443' })).toThrow(/drop --https-port/);
    expect(() => flags({ httpsPort: '8787' })).toThrow(/cannot share port 8787/);
    expect(() => flags({ httpsPort: '70000' })).toThrow('--https-port must be 0-65535, not "70000"');
    expect(() => flags({ https: true }, 65535)).toThrow(/past 65535/);
  });

  it('an unreadable certificate file, an unknown --simple-auth-over-http: exit 2 and the reason', () => {
    const result = spawnSync(process.execPath, [BIN, 'mock', '--port', '0', '--tls-cert', '/nonexistent/c.pem', '--tls-key', '/nonexistent/k.pem'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('apig-kit: cannot read the TLS certificate /nonexistent/c.pem: ENOENT\n');
    const badRule = spawnSync(process.execPath, [BIN, 'mock', '--port', '0', '--simple-auth-over-http', 'sometimes'], { encoding: 'utf8', timeout: 20_000 });
    expect(badRule.status).toBe(2);
    expect(badRule.stderr).toMatch(/--simple-auth-over-http must be refuse-if-https, refuse, accept/);
  });
});

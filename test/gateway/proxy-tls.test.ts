/**
 * A model that speaks HTTPS (modelarts-services.md §3.1): reached when declared https, its
 * throw-away self-signed certificate not checked (inferred, switch verifyTls); declared http, it
 * answers with the dispatcher's SSL error (§4.2 row 11). The certificate is made at test time by
 * the openssl command (the test is skipped without it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { World } from '../../src/mock/config/schema.ts';
import { type ModelServer, startModelServer } from '../support/model-server.ts';
import { C, expectModelArtsError, gatewayApp, post } from './support.ts';

const PROXY_APP = 'b0c1d2e3-0000-4000-8000-00000000c002';
const APPCODE = { 'X-Apig-AppCode': C.appCode };
const SSL_ERROR = 'Failed to find backend service because SSL error in the backend service, please check the service is https';
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

function services(url: string, options: Record<string, unknown> = {}): World['services'] {
  const proxied = { id: PROXY_APP, name: 'tls-model', auth: 'app', state: 'running', account: C.account, project: 'cn-north-4', stages: ['RELEASE'] };
  return [...demoWorld().services, { ...proxied, boundApps: ['demo-app'], model: { proxy: { url, healthPath: null, ...options } } }] as World['services'];
}

describe.skipIf(!hasOpenssl)('a model that speaks HTTPS', () => {
  let dir: string;
  let model: ModelServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apig-kit-tls-'));
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'],
      {
        encoding: 'utf8',
      },
    );
    expect(made.status, made.stderr).toBe(0);
    model = await startModelServer(0, { certFile, keyFile });
  });

  afterAll(async () => {
    await model?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declared https: reached, the self-signed certificate not checked', async () => {
    const app = gatewayApp({ world: { services: services(model.url) } });
    try {
      const res = await post(app, `/v1/infers/${PROXY_APP}/echo?x=1`, APPCODE, '{"a":1}');
      expect(res.status, res.text).toBe(200);
      expect(res.body.target).toBe('/echo?x=1');
    } finally {
      app.gateway.close();
    }
  });

  it('declared https with verifyTls on: the certificate is refused, 500 ModelArts.4503 SSL error', async () => {
    const app = gatewayApp({ world: { services: services(model.url, { verifyTls: true }) } });
    try {
      const res = await post(app, `/v1/infers/${PROXY_APP}`, APPCODE, '{}');
      expectModelArtsError(res, 500, 'ModelArts.4503', SSL_ERROR);
    } finally {
      app.gateway.close();
    }
  });

  it('declared http, the model speaks https: 500 ModelArts.4503 SSL error', async () => {
    const app = gatewayApp({ world: { services: services(model.url.replace('https:', 'http:')) } });
    try {
      const res = await post(app, `/v1/infers/${PROXY_APP}`, APPCODE, '{}');
      expectModelArtsError(res, 500, 'ModelArts.4503', SSL_ERROR);
      expect(app.gateway.journal.list().at(-1)?.rule).toBe('modelarts.backend-ssl');
    } finally {
      app.gateway.close();
    }
  });
});

/**
 * HTTPS (issue #14 item 3): the certificate made at start, the TLS server beside HTTP or alone, a
 * certificate of your own, the hardening of the HTTP server on the TLS one, and simple
 * authentication over plain HTTP refused with APIG.0607 while HTTPS is served (gateway.md §3.4).
 * Calls go through node:https and node:tls, not apig-kit's client (test/clients/tls.test.ts does that).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayTlsOptions, type RunningGateway, startGateway, TlsSetupError } from '../../src/mock/adapters/express.ts';
import { fromFetchRequest } from '../../src/mock/adapters/msw.ts';
import { generateLocalCertificate, type GeneratedCertificate } from '../../src/mock/adapters/tls-certificate.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { signRequest } from '../../src/protocol/index.ts';
import { rawExchange } from '../hardening/support/raw-socket.ts';
import { httpsCall, tlsRaw, tlsSocket } from './https-support.ts';

const ECHO_APP = `/v1/infers/${S.echoApp}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const IRIS_JSON = JSON.stringify({ data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } });
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const HTTPS_ONLY = { error_code: 'APIG.0607', error_msg: 'The following protocol is supported: HTTPS' };
const REQUIRED = process.env.APIG_KIT_REQUIRE_CLIENTS === '1';

const portOf = (url: string) => Number(new URL(url).port);
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** One certificate for the tests that give their own (making one costs a second on a busy machine). */
let own: GeneratedCertificate;
beforeAll(async () => {
  own = await generateLocalCertificate();
}, 30_000);

describe('the certificate made at start', () => {
  it('is for localhost, 127.0.0.1 and ::1, issued by a CA made for the run, valid now, and the CA alone verifies it', () => {
    const ca = new X509Certificate(own.caPem);
    const server = new X509Certificate(own.chainPem);
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect([ca.ca, server.ca]).toEqual([true, false]);
    expect(server.checkPrivateKey(createPrivateKey(own.keyPem))).toBe(true);
    const now = Date.now();
    expect(Date.parse(server.validFrom)).toBeLessThan(now);
    expect(Date.parse(server.validTo)).toBeGreaterThan(now + 300 * 24 * 3600_000);
    // The chain the server presents is its certificate then the CA's; the CA's key is in none of it.
    expect(own.chainPem.endsWith(own.caPem)).toBe(true);
    expect(own.caPem + own.chainPem).not.toMatch(/PRIVATE KEY/);
  });

  it.skipIf(!hasOpenssl)('passes OpenSSL verification in strict mode with the CA as the only trust', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apig-kit-tls-test-'));
    writeFileSync(join(dir, 'ca.pem'), own.caPem);
    writeFileSync(join(dir, 'chain.pem'), own.chainPem);
    const out = execFileSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', join(dir, 'ca.pem'), join(dir, 'chain.pem')], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(`${join(dir, 'chain.pem')}: OK`);
  });

  it('is made afresh each time: new keys, a new CA', async () => {
    const again = await generateLocalCertificate({ extraNames: ['mock.test', '10.1.2.3'] });
    expect(again.caPem).not.toBe(own.caPem);
    expect(again.keyPem).not.toBe(own.keyPem);
    expect(new X509Certificate(again.chainPem).subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:mock.test, IP Address:10.1.2.3',
    );
  }, 30_000);
});

describe('HTTPS beside HTTP (startGateway({ tls: true }))', () => {
  let running: RunningGateway;
  let ca: string;

  beforeAll(async () => {
    running = await startGateway({ tls: true });
    ca = readFileSync(running.https!.certificateFile, 'utf8');
  }, 30_000);
  afterAll(() => running.close());

  it('serves HTTPS on a port of its own and says which certificate to trust, in the handle and in /_apig-kit/world', async () => {
    const https = running.https!;
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(https.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(portOf(https.url)).not.toBe(portOf(running.url));
    expect(https.generated).toBe(true);
    expect(ca).toBe(https.certificatePem);
    expect(https.fingerprint256).toBe(new X509Certificate(ca).fingerprint256);
    const world = await httpsCall(`${https.url}/_apig-kit/world`, { method: 'GET', ca });
    expect(world.status).toBe(200);
    expect(world.json?.['https']).toEqual([{ url: https.url, certificateFile: https.certificateFile, fingerprint256: https.fingerprint256, generated: true }]);
    // Reached over HTTPS, the URLs it prints are https:// ones.
    expect(world.json?.['iamUrl']).toBe(`${https.url}/v3/auth/tokens`);
  });

  it('answers a client that trusts the printed certificate, by IP and by name; one that does not trust it gets no answer', async () => {
    const call = { headers: { ...JSON_HEADERS, 'X-Apig-AppCode': C.appCode }, body: IRIS_JSON };
    const answer = await httpsCall(`${running.https!.url}${IRIS_APP}`, { ...call, ca });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ data: { resp_data: [{ predictresult: 'Iris-setosa' }] } });
    expect((await httpsCall(`https://localhost:${portOf(running.https!.url)}${IRIS_APP}`, { ...call, ca })).status).toBe(200);
    await expect(httpsCall(`${running.https!.url}${IRIS_APP}`, call)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    // curl -k: no check at all.
    expect((await httpsCall(`${running.https!.url}${IRIS_APP}`, { ...call, rejectUnauthorized: false })).status).toBe(200);
  });

  it('AppCode and apikey over plain HTTP: 400 APIG.0607, before the credential is even looked at; over HTTPS: accepted', async () => {
    const overHttp = async (headers: Record<string, string>) => {
      const response = await fetch(`${running.url}${ECHO_APP}`, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: '{"a":1}' });
      const body = (await response.json()) as Record<string, string>;
      expect(response.headers.get('x-request-id')).toBe(body['request_id']);
      return { status: response.status, body: { ...body, request_id: body['request_id']?.length } };
    };
    const refused = { status: 400, body: { ...HTTPS_ONLY, request_id: 32 } };
    expect(await overHttp({ 'X-Apig-AppCode': C.appCode })).toEqual(refused);
    expect(await overHttp({ 'X-Apig-AppCode': 'not-an-app-code' })).toEqual(refused);
    expect(await overHttp({ apikey: C.appKey })).toEqual(refused);
    const [last] = running.gateway.journal.list({ limit: 1 }).slice(-1);
    expect(last).toMatchObject({ rule: 'app.simple-auth-https-only', errorCode: 'APIG.0607', status: 400 });
    expect(JSON.stringify(running.gateway.journal.list())).not.toContain(C.appCode);

    for (const headers of [{ 'X-Apig-AppCode': C.appCode }, { apikey: C.appKey }] as Array<Record<string, string>>) {
      const answer = await httpsCall(`${running.https!.url}${ECHO_APP}`, { headers: { ...JSON_HEADERS, ...headers }, body: '{"a":1}', ca });
      expect(answer.status).toBe(200);
    }
  });

  it('an AppKey/AppSecret signature over plain HTTP is not simple authentication: still accepted', async () => {
    const signed = signRequest(
      { method: 'POST', url: `${running.url}${IRIS_APP}`, headers: JSON_HEADERS, body: IRIS_JSON },
      { accessKey: C.appKey, secretKey: C.appSecret },
      { date: new Date() },
    );
    const response = await fetch(`${running.url}${IRIS_APP}`, { method: 'POST', headers: { ...JSON_HEADERS, ...signed.headers }, body: IRIS_JSON });
    expect(response.status).toBe(200);
  });

  it('plain HTTP to the TLS port, garbage, and a client that refuses the certificate: that connection closes, nothing is journaled, the server goes on', async () => {
    const port = portOf(running.https!.url);
    const before = running.gateway.journal.lastSequence;
    const plain = await rawExchange(port, ['GET /_apig-kit/world HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n']);
    expect(plain).toMatchObject({ closed: true, status: undefined });
    const garbage = await rawExchange(port, [Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5]), Buffer.alloc(4096, 0xff)]);
    expect(garbage.closed).toBe(true);
    await expect(tlsSocket(port, own.caPem)).rejects.toThrow();
    expect(running.gateway.journal.lastSequence).toBe(before);
    expect((await httpsCall(`${running.https!.url}/_apig-kit/clock`, { method: 'GET', ca })).status).toBe(200);
  });

  it("the HTTP server's answers hold over TLS: a header block over the parser limit 494, an unknown Expect 417, CONNECT, in APIG JSON", async () => {
    const port = portOf(running.https!.url);
    const huge = await tlsRaw(port, ca, `GET ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'f'.repeat(300 * 1024)}\r\n\r\n`);
    expect(huge.text).toMatch(/^HTTP\/1\.1 494 /);
    expect(huge.text).toContain('"error_code":"APIG.0201","error_msg":"Request headers too large."');
    const expect417 = await tlsRaw(port, ca, `POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}`, 1000);
    expect(expect417.text).toMatch(/^HTTP\/1\.1 417 /);
    const tunnel = await tlsRaw(port, ca, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(tunnel.text).toMatch(/^HTTP\/1\.1 400 [\s\S]*"error_code":"APIG.0201"/);
    expect(tunnel.closed).toBe(true);
  });

  it('msw: a request is over TLS when its URL is https://', async () => {
    const request = (url: string) => fromFetchRequest(new Request(url, { method: 'POST', body: '{}' }), 1024);
    expect((await request('https://apig.mock/v1/infers/x')).tls).toBe(true);
    expect((await request('http://apig.mock/v1/infers/x')).tls).toBe(false);
  });
});

describe('the TLS server under hostile clients', () => {
  let running: RunningGateway;
  let ca: string;

  beforeAll(async () => {
    running = await startGateway({ tls: { cert: own.chainPem, key: own.keyPem, only: true }, timeouts: { headersMs: 400, sendIdleMs: 300 } });
    ca = own.caPem;
  });
  afterAll(() => running.close());

  it('a connection that never sends its handshake is closed after the header timeout', async () => {
    const answer = await rawExchange(portOf(running.url), [], { waitMs: 5000 });
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeLessThan(3000);
  });

  it('a TLS client that stops reading a large answer is disconnected by the sweeper', async () => {
    // A journal of ~16 MB to stream, filled in-process.
    const headers = new Map<string, string[]>([
      ['host', ['127.0.0.1']],
      ['x-auth-token', ['not-a-token']],
    ]);
    for (let i = 0; i < 4; i++) headers.set(`x-filler-${i}`, ['f'.repeat(3 * 1024)]);
    const query = `q=${'v'.repeat(4 * 1024)}`;
    const path = `/v1/infers/${S.iris}`;
    for (let i = 0; i < 1000; i++)
      await running.gateway.handle({ method: 'POST', target: `${path}?${query}`, path, query, headers, body: { declaredLength: 0, async *chunks() {} } });
    const served: TLSSocket[] = [];
    running.server.on('secureConnection', (socket: TLSSocket) => served.push(socket));
    const reader = await tlsSocket(portOf(running.url), ca);
    reader.on('error', () => undefined);
    reader.pause();
    reader.write('GET /_apig-kit/journal HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const deadline = performance.now() + 10_000;
    while (!served[0]?.destroyed && performance.now() < deadline) await sleep(100);
    expect(served[0]?.destroyed).toBe(true);
    // Only what the buffers held went out, not the whole journal.
    expect(served[0]!.bytesWritten).toBeLessThan(12 * 1024 * 1024);
    reader.destroy();
    expect((await httpsCall(`${running.url}/_apig-kit/clock`, { method: 'GET', ca })).status).toBe(200);
  }, 30_000);
});

describe('HTTPS alone, and a certificate of your own', () => {
  it('with only: one HTTPS server on the port given, no HTTP', async () => {
    const running = await startGateway({ tls: { only: true, cert: own.chainPem, key: own.keyPem } });
    try {
      expect(running.url).toBe(running.https!.url);
      expect(running.url).toMatch(/^https:/);
      expect((await httpsCall(`${running.url}/_apig-kit/clock`, { method: 'GET', ca: own.caPem })).status).toBe(200);
      // The same port does not speak plain HTTP.
      const plain = await rawExchange(portOf(running.url), ['GET /_apig-kit/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n']);
      expect(plain.status).toBeUndefined();
    } finally {
      await running.close();
    }
  });

  it('given as files: served, and the file to trust is your certificate; close() leaves your files alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apig-kit-own-cert-'));
    const certFile = join(dir, 'server.pem');
    const keyFile = join(dir, 'server.key');
    writeFileSync(certFile, own.chainPem);
    writeFileSync(keyFile, own.keyPem);
    const running = await startGateway({ tls: { certFile, keyFile } });
    try {
      expect(running.https).toMatchObject({ certificateFile: certFile, generated: false, fingerprint256: new X509Certificate(own.chainPem).fingerprint256 });
      const answer = await httpsCall(`${running.https!.url}${ECHO_APP}`, {
        headers: { ...JSON_HEADERS, 'X-Apig-AppCode': C.appCode },
        body: '{}',
        ca: own.caPem,
      });
      expect(answer.status).toBe(200);
    } finally {
      await running.close();
    }
    expect(existsSync(certFile) && existsSync(keyFile)).toBe(true);
  });

  it('given as text: a copy of the certificate, never the key, is written for clients, and removed at close', async () => {
    const running = await startGateway({ tls: { cert: own.chainPem, key: own.keyPem } });
    const file = running.https!.certificateFile;
    expect(readFileSync(file, 'utf8')).toBe(own.chainPem);
    await running.close();
    expect(existsSync(file)).toBe(false);
  });

  it('a generated certificate goes where certificateOut says, and its temp file is removed at close when none is given', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apig-kit-out-')), 'mock-ca.pem');
    const running = await startGateway({ tls: { certificateOut: out } });
    expect(running.https!.certificateFile).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe(running.https!.certificatePem);
    await running.close();
    expect(existsSync(out)).toBe(true);
    const temporary = await startGateway({ tls: true });
    const file = temporary.https!.certificateFile;
    expect(existsSync(file)).toBe(true);
    await temporary.close();
    expect(existsSync(file)).toBe(false);
    expect(temporary.gateway.httpsEndpoints.size).toBe(0);
  }, 30_000);

  it('a key of another certificate, a certificate without its key, an unreadable file: a clear error, the key never quoted, nothing left listening', async () => {
    const other = await generateLocalCertificate();
    const attempt = (tls: GatewayTlsOptions) => startGateway({ tls, port: 0 });
    await expect(attempt({ cert: own.chainPem, key: other.keyPem })).rejects.toThrow(new TlsSetupError('the TLS key does not belong to the certificate'));
    await expect(attempt({ cert: own.chainPem })).rejects.toThrow(/give both or neither/);
    await expect(attempt({ certFile: '/nonexistent/cert.pem', keyFile: '/nonexistent/key.pem' })).rejects.toThrow(
      'cannot read the TLS certificate /nonexistent/cert.pem: ENOENT',
    );
    await expect(attempt({ cert: 'not a certificate', key: own.keyPem })).rejects.toThrow('the TLS certificate is not a PEM X.509 certificate');
    const error = await attempt({ cert: own.chainPem, key: 'not a key' }).catch((e: Error) => e);
    expect(String(error)).not.toContain(own.keyPem.slice(40, 80));
  }, 30_000);
});

describe('behaviour.simpleAuthOverHttp', () => {
  const appCodeOverHttp = async (running: RunningGateway) =>
    (await fetch(`${running.url}${ECHO_APP}`, { method: 'POST', headers: { ...JSON_HEADERS, 'X-Apig-AppCode': C.appCode }, body: '{}' })).status;

  it('accept: AppCode over HTTP passes even with HTTPS on', async () => {
    const running = await startGateway({ config: { behaviour: { simpleAuthOverHttp: 'accept' } }, tls: { cert: own.chainPem, key: own.keyPem } });
    try {
      expect(await appCodeOverHttp(running)).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('refuse-if-https (default): an HTTP-only mock accepts AppCode over HTTP, as it has no other way in', async () => {
    const running = await startGateway();
    try {
      expect(running.gateway.config.behaviour.simpleAuthOverHttp).toBe('refuse-if-https');
      expect(await appCodeOverHttp(running)).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('refuse: refused over HTTP even when the mock serves no HTTPS itself (TLS ends before it)', async () => {
    const running = await startGateway({ config: { behaviour: { simpleAuthOverHttp: 'refuse' } } });
    try {
      expect(await appCodeOverHttp(running)).toBe(400);
    } finally {
      await running.close();
    }
  });

  it('the plain HTTP connection counts, not the URL it names: an X-Forwarded-Proto header changes nothing', async () => {
    const running = await startGateway({ tls: { cert: own.chainPem, key: own.keyPem } });
    try {
      const response = await fetch(`${running.url}${ECHO_APP}`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'X-Apig-AppCode': C.appCode, 'X-Forwarded-Proto': 'https' },
        body: '{}',
      });
      expect(response.status).toBe(400);
    } finally {
      await running.close();
    }
  });
});

describe('curl, as the seeds call it', () => {
  const curl = (() => {
    try {
      execFileSync('curl', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const run = REQUIRED || curl ? it : it.skip;
  let running: RunningGateway;
  beforeAll(async () => {
    if (REQUIRED || curl) running = await startGateway({ tls: true });
  });
  afterAll(() => running?.close());

  const curlRun = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile('curl', args, { encoding: 'utf8', timeout: 20_000 }, (error, stdout) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
      );
    });

  run(`curl --cacert with the printed file, and curl -k${curl ? '' : ' (skipped: curl is not installed)'}`, async () => {
    const args = (...extra: string[]) => [
      '-sS',
      ...extra,
      '-X',
      'POST',
      '-H',
      `X-Apig-AppCode: ${C.appCode}`,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      IRIS_JSON,
      '-w',
      '\n%{http_code}',
      `${running.https!.url}${IRIS_APP}`,
    ];
    // Asynchronously: the server answering curl runs in this process.
    const trusted = await curlRun(args('--cacert', running.https!.certificateFile));
    expect(trusted).toMatchObject({ code: 0 });
    expect(trusted.stdout).toMatch(/"predictresult":"Iris-setosa".*\n200$/s);
    expect((await curlRun(args('-k'))).stdout.endsWith('\n200')).toBe(true);
    // Without either, curl refuses the certificate (exit 60).
    expect((await curlRun(args())).code).toBe(60);
  });
});

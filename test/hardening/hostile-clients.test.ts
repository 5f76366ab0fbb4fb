/**
 * Hostile clients, one describe per row of what an attacker's scripts found (issue 10): work bounded
 * by what was sent, a fair body budget, bounded answers, bodies that parse cheaply or not at all,
 * an admin API only its owner can drive, every answer in APIG's format, no secret echoed from the
 * wrong place. Where memory or sockets matter the mock runs in its own process.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S, demoWorld } from '../../src/mock/config/demo-world.ts';
import { signRequest } from '../../src/protocol/index.ts';
import { gatewayApp } from '../gateway/support.ts';
import { rawExchange, rawJsonBody } from './support/raw-socket.ts';
import { procStatusBytes, spawnMock, type SpawnedMock } from './support/spawned-mock.ts';

const MB = 1024 * 1024;
const ZERO_SIGNATURE = '0'.repeat(64);
const ECHO_APP = `/v1/infers/${S.echoApp}`;
const IRIS = `/v1/infers/${S.iris}`;
const IRIS_JSON = JSON.stringify({ data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } });
const LOGIN = JSON.stringify({
  auth: {
    identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
    scope: { project: { name: 'cn-north-4' } },
  },
});

const sdkDateNow = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A signed AK/SK call to the iris service, as fetch options. */
function signedIrisCall(url: string): { headers: Record<string, string>; body: string } {
  const headers = { 'Content-Type': 'application/json' };
  const signed = signRequest(
    { method: 'POST', url: `${url}${IRIS}`, headers, body: IRIS_JSON },
    { accessKey: C.accessKey, secretKey: C.secretKey },
    { date: new Date() },
  );
  return { headers: { 'Content-Type': 'application/json', ...signed.headers }, body: IRIS_JSON };
}

/** A raw connection that sends headers and then `piece` (one byte of body) every `perByteMs`, until closed; resolves with what came back. */
function trickle(
  port: number,
  head: string,
  piece: string,
  perByteMs: number,
  maxMs: number,
): { done: Promise<{ text: string; elapsedMs: number }>; stop: () => void; write: (bytes: Buffer) => void } {
  const socket = connect({ port, host: '127.0.0.1' });
  const started = performance.now();
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.write(head);
  const timer = setInterval(() => socket.writable && socket.write(piece), perByteMs);
  const stop = () => {
    clearInterval(timer);
    socket.destroy();
  };
  const limit = setTimeout(stop, maxMs);
  const done = new Promise<{ text: string; elapsedMs: number }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ text, elapsedMs: performance.now() - started });
    }),
  );
  return { done, stop, write: (bytes) => void socket.write(bytes) };
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

describe('work bounded by what was sent', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    // Large header blocks need the running server: supertest's own has Node's 16 KB header limit.
    g = await startGateway({
      config: {
        behaviour: { explain: true, maxEchoBytes: 4096, journalEntryMaxBytes: 8 * 1024, journalMaxBytes: 200 * 1024 },
        limits: { apiRateLimitPerSecond: 0 },
      },
    });
  });
  afterAll(() => g.close());
  const lastEntry = () => g.gateway.journal.list({ limit: 1 })[0]!;

  it('a name repeated in SignedHeaders is a malformed Authorization, refused without copying the header once per mention', async () => {
    const mentions = Array.from({ length: 4000 }, () => 'a').join(';');
    const { value: res, ms } = await timed(() =>
      fetch(`${g.url}${ECHO_APP}`, {
        method: 'POST',
        headers: {
          a: 'x'.repeat(24 * 1024),
          'X-Sdk-Date': sdkDateNow(),
          Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=${mentions};x-sdk-date, Signature=${ZERO_SIGNATURE}`,
        },
        body: '{}',
      }),
    );
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(text).error_code).toBe('APIG.0303');
    expect(text.length).toBeLessThan(1024);
    expect(ms).toBeLessThan(5000);
    expect(lastEntry().rule).toBe('app.signed-headers-repeated');
    expect(lastEntry().detail).toContain('"a" more than once');
  });

  it('the canonical request echoed in a signature error and the explain field are capped, with a marker', async () => {
    const res = await fetch(`${g.url}${IRIS}?q=${'v'.repeat(30 * 1024)}`, {
      method: 'POST',
      headers: { 'X-Sdk-Date': sdkDateNow(), Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}` },
      body: '{}',
    });
    const body = (await res.json()) as { error_msg: string; apig_kit_explain: { canonicalRequest: string } };
    expect(res.status).toBe(401);
    expect(body.error_msg).toMatch(/verify aksk signature fail, canonicalRequest:POST\|/);
    expect(body.error_msg).toMatch(/…\[truncated: \d+ more bytes\]$/);
    expect(Buffer.byteLength(body.error_msg)).toBeLessThan(4096 + 200);
    expect(Buffer.byteLength(body.apig_kit_explain.canonicalRequest)).toBeLessThanOrEqual(4096);
  });

  it('each journal entry is capped in bytes, the journal by total bytes, and reading it streams', async () => {
    const headers: Record<string, string> = { 'X-Auth-Token': 'not-a-token' };
    for (let i = 0; i < 40; i++) headers[`x-filler-${i}`] = 'f'.repeat(2000);
    const call = () => fetch(`${g.url}${IRIS}?q=${'v'.repeat(30 * 1024)}`, { method: 'POST', headers, body: '{}' }).then((r) => r.arrayBuffer());
    await call();
    const entry = lastEntry();
    expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThan(8 * 1024 + 1024);
    expect(entry.target).toMatch(/…\[truncated: \d+ more bytes\]$/);
    expect(entry.status).toBe(401);

    for (let i = 0; i < 60; i++) await call();
    expect(g.gateway.journal.bytes).toBeLessThanOrEqual(200 * 1024);
    const journal = await fetch(`${g.url}/_apig-kit/journal`);
    const text = await journal.text();
    expect(journal.status).toBe(200);
    expect(journal.headers.get('content-length')).toBeNull();
    expect(text.length).toBeLessThan(230 * 1024);
    const read = JSON.parse(text) as { entries: unknown[]; lastSequence: number };
    expect(read.entries.length).toBe(g.gateway.journal.size);
    expect(read.lastSequence).toBe(g.gateway.journal.lastSequence);
  });
});

describe('bounds in bytes, not characters', () => {
  it('an entry of three-byte characters still keeps to the entry cap in bytes, and the journal to its total', async () => {
    const g = await startGateway({ config: { behaviour: { journalEntryMaxBytes: 16 * 1024, journalMaxBytes: 160 * 1024 } } });
    try {
      // UTF-8 header values over a raw socket (fetch sends latin1 only).
      const euro = Array.from({ length: 4 }, (_, i) => `x-euro-${i}: ${'€'.repeat(3850)}\r\n`).join('');
      const raw = Buffer.from(
        `POST ${IRIS} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: not-a-token\r\n${euro}Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
        'utf8',
      );
      const port = Number(new URL(g.url).port);
      for (let i = 0; i < 20; i++) expect((await rawExchange(port, [raw], { waitMs: 2000 })).status).toBe(401);
      const journal = Buffer.from(await (await fetch(`${g.url}/_apig-kit/journal`)).arrayBuffer());
      const { entries } = JSON.parse(journal.toString('utf8')) as { entries: unknown[] };
      for (const entry of entries) expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThanOrEqual(16 * 1024);
      expect(journal.length).toBeLessThanOrEqual(160 * 1024 + 100);
    } finally {
      await g.close();
    }
  });
});

describe.runIf(process.platform === 'linux')('work bounded by what was sent, in its own process', () => {
  let mock: SpawnedMock;
  beforeAll(async () => {
    mock = await spawnMock({ config: { limits: { apiRateLimitPerSecond: 0 } } });
  }, 20_000);
  afterAll(() => mock?.stop());

  it('1,000 requests with ~120 KB of headers and a 30 KB query: the journal stays tens of MB, and a full read answers', async () => {
    const before = procStatusBytes(mock.pid, 'VmRSS');
    const headers: Record<string, string> = {
      'X-Sdk-Date': sdkDateNow(),
      Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`,
    };
    for (let i = 0; i < 28; i++) headers[`x-filler-${i}`] = 'f'.repeat(3 * 1024);
    const url = `${mock.url}${IRIS}?q=${'v'.repeat(30 * 1024)}`;
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(Array.from({ length: 20 }, () => fetch(url, { method: 'POST', headers, body: '{}' }).then((r) => r.arrayBuffer())));
    }
    const journal = await fetch(`${mock.url}/_apig-kit/journal`);
    const text = await journal.text();
    expect(journal.status).toBe(200);
    expect(JSON.parse(text).entries).toHaveLength(1000);
    expect(text.length).toBeLessThan(24 * MB);
    // Before the byte bounds the journal alone retained ~558 MB.
    expect(procStatusBytes(mock.pid, 'VmRSS') - before).toBeLessThan(200 * MB);
  }, 120_000);
});

describe('a fair body budget', () => {
  let g: RunningGateway;
  let port: number;
  beforeAll(async () => {
    g = await startGateway({ config: { limits: { bodyReadTimeoutMs: 1500, apiRateLimitPerSecond: 0 } } });
    port = Number(new URL(g.url).port);
  });
  afterAll(() => g.close());

  const declared = (path: string) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${12 * MB}\r\n\r\n`;
  const chunked = (path: string) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;

  it('with 8 trickling uploads open, signed JSON calls, AppCode calls and IAM logins still answer at once; the uploads get 408', async () => {
    const uploads = Array.from({ length: 8 }, (_, i) =>
      i % 2 ? trickle(port, declared(ECHO_APP), '[', 200, 20_000) : trickle(port, chunked(IRIS), '1\r\n[\r\n', 200, 20_000),
    );
    await sleep(300);
    for (let i = 0; i < 3; i++) {
      const signed = await timed(() => fetch(`${g.url}${IRIS}`, { method: 'POST', ...signedIrisCall(g.url) }));
      expect(signed.value.status).toBe(200);
      expect(signed.ms).toBeLessThan(1500);
      const appCode = await timed(() =>
        fetch(`${g.url}${ECHO_APP}`, { method: 'POST', headers: { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' }, body: '{"a":1}' }),
      );
      expect(appCode.value.status).toBe(200);
      expect(appCode.ms).toBeLessThan(1500);
      const login = await timed(() => fetch(`${g.url}/v3/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: LOGIN }));
      expect(login.value.status).toBe(201);
      expect(login.ms).toBeLessThan(1500);
    }
    const answers = await Promise.all(uploads.map((u) => u.done));
    for (const answer of answers) {
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer.text).toContain('"error_code":"APIG.0201"');
      // 1.5 s read timeout plus a few bytes' worth of the minimum rate, then closed.
      expect(answer.elapsedMs).toBeGreaterThan(1400);
      expect(answer.elapsedMs).toBeLessThan(10_000);
    }
    const timedOut = g.gateway.journal.list().filter((e) => e.rule === 'request.timeout');
    expect(timedOut.length).toBeGreaterThanOrEqual(8);
  }, 30_000);

  it('two anonymous uploads that send almost all at once and then trickle: logins and signed calls still answer; the trickle earns no credit from the fast start', async () => {
    const burst = Buffer.alloc(12_582_000, 0x31);
    const uploads = Array.from({ length: 2 }, () => {
      const upload = trickle(port, declared(IRIS), '1', 200, 20_000);
      upload.write(burst);
      return upload;
    });
    await sleep(500);
    for (let i = 0; i < 3; i++) {
      const login = await timed(() => fetch(`${g.url}/v3/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: LOGIN }));
      expect(login.value.status).toBe(201);
      expect(login.ms).toBeLessThan(1500);
      const signed = await timed(() => fetch(`${g.url}${IRIS}`, { method: 'POST', ...signedIrisCall(g.url) }));
      expect(signed.value.status).toBe(200);
      expect(signed.ms).toBeLessThan(1500);
    }
    for (const answer of await Promise.all(uploads.map((u) => u.done))) {
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
      // Cut off within a window or two of the trickle starting, not after hours of credit.
      expect(answer.elapsedMs).toBeLessThan(10_000);
    }
  }, 30_000);

  it('a client a little above the minimum rate, in ticks, is not cut for the tick that falls just after a window', async () => {
    const slow = await startGateway({ config: { limits: { bodyReadTimeoutMs: 2000, minBodyBytesPerSecond: 1024 } } });
    try {
      const steps = [
        `POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Type: text/plain\r\nContent-Length: 4200\r\nConnection: close\r\n\r\n`,
      ];
      const ticks = Array.from({ length: 7 }, () => [{ pauseMs: 500 }, 'x'.repeat(600)]).flat();
      const answer = await rawExchange(Number(new URL(slow.url).port), [...steps, ...ticks], { waitMs: 2000 });
      expect(answer.status).toBe(200);
    } finally {
      await slow.close();
    }
  }, 15_000);

  it('a body that stops arriving is cut off after the read timeout even if it had started well', async () => {
    const answer = await rawExchange(port, [declared(ECHO_APP).replace(`${12 * MB}`, '1000'), '{"a":', { pauseMs: 4000 }], { waitMs: 1000 });
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(4000);
  }, 10_000);
});

describe.runIf(process.platform === 'linux')('bounded answers, in its own process', () => {
  let mock: SpawnedMock;
  beforeAll(async () => {
    mock = await spawnMock({ config: { limits: { apiRateLimitPerSecond: 0 } } });
  }, 20_000);
  afterAll(() => mock?.stop());

  /**
   * Sends a whole request and reads nothing for `silentMs` (the answer backs up into the kernel's
   * buffers, then the server's); then reads what is left. A paused socket cannot see the server
   * close, so the test reads afterwards: a closed connection ends at once, having delivered only
   * what the server had sent before closing.
   */
  async function sendAndReadLate(head: string, body: Buffer | undefined, silentMs: number): Promise<{ endedWithinMs: number | undefined; received: number }> {
    const { port } = new URL(mock.url);
    const socket = connect({ port: Number(port), host: '127.0.0.1' });
    socket.on('error', () => undefined);
    socket.pause();
    socket.write(head);
    if (body) socket.write(body);
    await sleep(silentMs);
    let received = 0;
    const resumed = performance.now();
    return new Promise((resolve) => {
      const limit = setTimeout(() => {
        socket.destroy();
        resolve({ endedWithinMs: undefined, received });
      }, 5000);
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('close', () => {
        clearTimeout(limit);
        resolve({ endedWithinMs: performance.now() - resumed, received });
      });
      socket.resume();
    });
  }

  it('12 non-reading clients of the largest echo answers: RSS stays under 700 MB and every socket is closed', async () => {
    const json = Buffer.from(`[${Array.from({ length: 2_300_000 }, () => '1e20').join(',')}]`);
    expect(json.length).toBeLessThan(12 * MB);
    const head = `POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n`;
    const clients = await Promise.all(Array.from({ length: 12 }, () => sendAndReadLate(head, json, 30_000)));
    expect(procStatusBytes(mock.pid, 'VmHWM')).toBeLessThan(700 * MB);
    // Closed by the server while the clients were silent: what was left arrives, and the connection ends at once.
    for (const client of clients) expect(client.endedWithinMs).toBeLessThan(2000);
  }, 60_000);

  it('a thousand pipelined journal GETs on each of four connections that never read: bounded, and the process lives', async () => {
    const before = procStatusBytes(mock.pid, 'VmRSS');
    const { port } = new URL(mock.url);
    const sockets = Array.from({ length: 4 }, () => {
      const socket = connect({ port: Number(port), host: '127.0.0.1' });
      socket.on('error', () => undefined);
      socket.pause();
      socket.write('GET /_apig-kit/journal HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(1000));
      return socket;
    });
    await sleep(3000);
    expect(procStatusBytes(mock.pid, 'VmHWM') - before).toBeLessThan(150 * MB);
    for (const socket of sockets) socket.destroy();
    expect((await fetch(`${mock.url}/_apig-kit/clock`)).status).toBe(200);
  }, 30_000);

  it('a client that does not read a full journal is disconnected, and pins no more than a bounded amount', async () => {
    const headers: Record<string, string> = { 'X-Auth-Token': 'not-a-token' };
    for (let i = 0; i < 4; i++) headers[`x-filler-${i}`] = 'f'.repeat(3 * 1024);
    for (let batch = 0; batch < 45; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${mock.url}${IRIS}?q=${'v'.repeat(4 * 1024)}`, { method: 'POST', headers, body: '{}' }).then((r) => r.arrayBuffer()),
        ),
      );
    }
    const full = (await (await fetch(`${mock.url}/_apig-kit/journal`)).arrayBuffer()).byteLength;
    expect(full).toBeGreaterThan(12 * MB);
    const before = procStatusBytes(mock.pid, 'VmRSS');
    const readers = await Promise.all(
      Array.from({ length: 4 }, () => sendAndReadLate('GET /_apig-kit/journal HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', undefined, 30_000)),
    );
    expect(procStatusBytes(mock.pid, 'VmHWM') - before).toBeLessThan(150 * MB);
    for (const reader of readers) {
      // Disconnected: only what the buffers held was delivered, not the whole journal.
      expect(reader.endedWithinMs).toBeLessThan(2000);
      expect(reader.received).toBeLessThan(full);
    }
  }, 90_000);
});

describe('bodies that parse cheaply or not at all', () => {
  it('nested JSON to a model is refused as incorrect JSON before it is parsed', async () => {
    const app = gatewayApp();
    const nested = `${'['.repeat(4117)}${']'.repeat(4117)}`;
    const res = await request(app).post(ECHO_APP).set('X-Apig-AppCode', C.appCode).set('Content-Type', 'application/json').send(nested);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: 'ModelArts.4105', error_msg: 'Incorrect JSON format of the input data.' });
    // Brackets inside strings are text, not nesting.
    const inString = await request(app)
      .post(ECHO_APP)
      .set('X-Apig-AppCode', C.appCode)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ s: '['.repeat(5000) }));
    expect(inString.status).toBe(200);
  });

  it('JSON with more arrays and objects than the limit is refused the same way', async () => {
    const app = gatewayApp({ limits: { maxJsonContainers: 1000 } });
    const res = await request(app)
      .post(ECHO_APP)
      .set('X-Apig-AppCode', C.appCode)
      .set('Content-Type', 'application/json')
      .send(`[${Array.from({ length: 1001 }, () => '{}').join(',')}]`);
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('ModelArts.4105');
  });

  it("IAM: nested JSON gets IAM's 400, and a body over its own small cap 413", async () => {
    const app = gatewayApp();
    const nested = await request(app)
      .post('/v3/auth/tokens')
      .set('Content-Type', 'application/json')
      .send(`{"auth":${'['.repeat(3000)}${']'.repeat(3000)}}`);
    expect(nested.status).toBe(400);
    expect(nested.body).toEqual({ error: { code: 400, message: 'The request body is invalid', title: 'Bad Request' } });
    const large = await request(app)
      .post('/v3/auth/tokens')
      .set('Content-Type', 'application/json')
      .send(`{"auth":"${'x'.repeat(100 * 1024)}"}`);
    expect(large.status).toBe(413);
  });
});

describe.runIf(process.platform === 'linux')('any single body on a 256 MB heap', () => {
  let mock: SpawnedMock;
  beforeAll(async () => {
    mock = await spawnMock({ nodeArgs: ['--max-old-space-size=256'], config: { limits: { apiRateLimitPerSecond: 0 } } });
  }, 20_000);
  afterAll(() => mock?.stop());

  const near12MB = (unit: string, open = '[', close = ']') =>
    `${open}${Array.from({ length: Math.floor((12 * MB - 16) / (unit.length + 1)) }, () => unit).join(',')}${close}`;
  const shapes: Record<string, () => string> = {
    'nested arrays': () => `${'['.repeat(6 * MB)}${']'.repeat(6 * MB)}`,
    'empty objects': () => near12MB('{}'),
    'empty arrays': () => near12MB('[]'),
    'objects of distinct shapes': () => `[${Array.from({ length: 800_000 }, (_, i) => `{"k${i}":1}`).join(',')}]`,
    'big numbers': () => near12MB('1e20'),
  };

  it.each(Object.keys(shapes))(
    '%s (12 MB) to IAM, iris and echo: no 5xx, and the process lives',
    async (shape) => {
      const body = shapes[shape]!();
      for (const path of ['/v3/auth/tokens', `/v1/infers/${S.irisApp}`, ECHO_APP]) {
        const res = await fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' }, body });
        await res.arrayBuffer();
        expect(res.status, `${shape} to ${path}`).toBeLessThan(500);
      }
      const health = await fetch(`${mock.url}/_apig-kit/clock`);
      expect(health.status).toBe(200);
    },
    60_000,
  );
});

describe('an admin API that only its owner can drive', () => {
  it('refuses a cross-site simple POST, a write that is not JSON, another Origin and a rebinding Host', async () => {
    const app = gatewayApp();
    const textPlain = await request(app).post('/_apig-kit/reset').set('Content-Type', 'text/plain').send('{}');
    expect(textPlain.status).toBe(415);
    const noType = await request(app).put('/_apig-kit/clock').send(Buffer.from('{"offsetMs":60000}'));
    expect(noType.status).toBe(415);
    const otherOrigin = await request(app).put('/_apig-kit/clock').set('Origin', 'http://evil.example').send({ offsetMs: 60_000 });
    expect(otherOrigin.status).toBe(403);
    const rebound = await request(app).get('/_apig-kit/world').set('Host', 'evil.example:8787');
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toContain(C.secretKey);
    expect(app.gateway.clock.state().offsetMs).toBe(0);
    const own = await request(app).put('/_apig-kit/clock').set('Host', 'localhost:8787').set('Origin', 'http://localhost:8787').send({ offsetMs: 60_000 });
    expect(own.status).toBe(200);
  });

  it('with a token, every admin call must carry it', async () => {
    const token = 'an-admin-token-of-some-length';
    const app = gatewayApp({ admin: { token } });
    expect((await request(app).get('/_apig-kit/world')).status).toBe(401);
    expect((await request(app).get('/_apig-kit/world').set('X-Apig-Kit-Admin-Token', 'wrong-token-of-some-length')).status).toBe(401);
    expect((await request(app).get('/_apig-kit/world').set('X-Apig-Kit-Admin-Token', token)).status).toBe(200);
    expect((await request(app).get('/_apig-kit/journal').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it('switched off, /_apig-kit is no more than a path APIG does not know', async () => {
    const app = gatewayApp({ admin: { enabled: false } });
    const res = await request(app).get('/_apig-kit/world');
    expect(res.status).toBe(404);
    expect(res.body.error_code).toBe('APIG.0101');
  });

  it('refuses to serve beyond loopback without a token or the admin API off, and says why', async () => {
    await expect(startGateway({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/without a token.*--admin-token.*--admin off/);
    const withToken = await startGateway({ host: '0.0.0.0', port: 0, config: { admin: { token: 'an-admin-token-of-some-length' } } });
    await withToken.close();
    const off = await startGateway({ host: '0.0.0.0', port: 0, config: { admin: { enabled: false } } });
    await off.close();
  });

  it('a world of your own without tokenSigningKey gets a random key: a token minted with the demo key is refused', async () => {
    const demo = gatewayApp();
    const ownWorld = gatewayApp({ world: { services: demo.gateway.config.world.services } });
    expect(ownWorld.gateway.config.world.tokenSigningKey).not.toBe(demo.gateway.config.world.tokenSigningKey);
    const login = await request(demo).post('/v3/auth/tokens').set('Content-Type', 'application/json').send(LOGIN);
    expect(login.status).toBe(201);
    const forged = login.headers['x-subject-token'] as string;
    const res = await request(ownWorld).post(IRIS).set('X-Auth-Token', forged).set('Content-Type', 'application/json').send(IRIS_JSON);
    expect(res.status).toBe(401);
    expect(res.body.error_msg).toContain('decrypt token fail');
  });
});

describe("every answer is APIG's", () => {
  let g: RunningGateway;
  let port: number;
  beforeAll(async () => {
    g = await startGateway();
    port = Number(new URL(g.url).port);
  });
  afterAll(() => g.close());

  it('HTTP/1.1 without Host: 400 in APIG JSON with X-Request-Id, journaled', async () => {
    const answer = await rawExchange(port, [`POST ${ECHO_APP} HTTP/1.1\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: 2\r\n\r\n{}`], { waitMs: 1000 });
    expect(answer.status).toBe(400);
    expect(rawJsonBody(answer)).toMatchObject({ error_code: 'APIG.0201', error_msg: 'API request error.' });
    expect(answer.text).toMatch(/\r\nX-Request-Id: [0-9a-f]{32}\r\n/i);
    expect(g.gateway.journal.list({ limit: 1 })[0]).toMatchObject({ status: 400, rule: 'request.bad' });
  });

  it('an Expect other than 100-continue: 417 in APIG JSON, journaled', async () => {
    const answer = await rawExchange(
      port,
      [`POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: foo\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: 2\r\n\r\n{}`],
      { waitMs: 1000 },
    );
    expect(answer.status).toBe(417);
    expect(rawJsonBody(answer)).toMatchObject({ error_code: 'APIG.0201' });
    expect(answer.text).toMatch(/\r\nX-Request-Id: [0-9a-f]{32}\r\n/i);
    expect(g.gateway.journal.list({ limit: 1 })[0]).toMatchObject({ status: 417, rule: 'request.expectation-failed' });
  });

  it('Expect: 100-continue with a declared body over the cap: the 413 and no 100 Continue; under the cap: 100 then the answer', async () => {
    const over = await rawExchange(
      port,
      [`POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: ${13 * 1000 * 1000}\r\n\r\n`],
      { waitMs: 2000 },
    );
    expect(over.status).toBe(413);
    expect(over.text).not.toContain('100 Continue');
    const under = await rawExchange(
      port,
      [
        `POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
        { pauseMs: 200 },
        '{}',
      ],
      { waitMs: 2000 },
    );
    expect(under.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('an Expect naming 100-continue and something else: 417 and no 100 Continue first', async () => {
    const answer = await rawExchange(
      port,
      [`POST ${ECHO_APP} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue, foo\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: 2\r\n\r\n`],
      { waitMs: 1500 },
    );
    expect(answer.text).not.toContain('100 Continue');
    expect(answer.status).toBe(417);
  });

  it('a connection with more than 32 requests unanswered at once is dropped', async () => {
    const answer = await rawExchange(port, ['GET /_apig-kit/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(200)], { waitMs: 3000 });
    expect(answer.closed).toBe(true);
    expect(answer.text.split('HTTP/1.1 200').length - 1).toBeLessThan(200);
  });

  it('CONNECT gets APIG JSON before the connection closes', async () => {
    const answer = await rawExchange(port, ['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'], { waitMs: 1500 });
    expect(answer.status).toBe(400);
    expect(rawJsonBody(answer)).toMatchObject({ error_code: 'APIG.0201' });
  });

  it('the fault API takes error statuses only', async () => {
    for (const status of [101, 204, 304, 399]) {
      const res = await fetch(`${g.url}/_apig-kit/faults/${S.echoApp}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      expect(res.status, String(status)).toBe(400);
    }
    const ok = await fetch(`${g.url}/_apig-kit/faults/${S.echoApp}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 503 }),
    });
    expect(ok.status).toBe(200);
    await fetch(`${g.url}/_apig-kit/faults`, { method: 'DELETE' });
  });
});

describe('no secret echoed from the wrong place', () => {
  const secrets = [C.secretKey, C.appSecret, C.appCode, C.password, C.securityToken];

  async function journalAndBodies(app: ReturnType<typeof gatewayApp>, bodies: string[]): Promise<string> {
    return `${bodies.join('\n')}\n${JSON.stringify(app.gateway.journal.list())}`;
  }

  it('an SK as Access, an AppSecret or AppCode as apikey, a token after the algorithm, an SK as V11 Credential', async () => {
    const app = gatewayApp({ behaviour: { explain: true } });
    const login = await request(app).post('/v3/auth/tokens').set('Content-Type', 'application/json').send(LOGIN);
    const token = login.headers['x-subject-token'] as string;
    const date = sdkDateNow();
    const answers = await Promise.all([
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', date)
        .set('Authorization', `SDK-HMAC-SHA256 Access=${C.secretKey}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`)
        .send('{}'),
      request(app).post(ECHO_APP).set('apikey', C.appSecret).send('{}'),
      request(app).post(ECHO_APP).set('apikey', C.appCode).send('{}'),
      request(app).post(IRIS).set('X-Sdk-Date', date).set('Authorization', `SDK-HMAC-SHA256 ${token}`).send('{}'),
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', date)
        .set('Authorization', `V11-HMAC-SHA256 Credential=${C.secretKey}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`)
        .send('{}'),
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', C.password)
        .set('Authorization', `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`)
        .send('{}'),
      request(app)
        .post(ECHO_APP)
        .set('X-Sdk-Date', date)
        .set('Authorization', `SDK-HMAC-SHA256 Access=${C.appSecret}, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`)
        .send('{}'),
    ]);
    for (const answer of answers) expect(answer.status).toBe(401);
    expect(answers[0]!.body.error_msg).toContain('[masked secret');
    const everything = await journalAndBodies(
      app,
      answers.map((a) => a.text),
    );
    for (const secret of [...secrets, token]) expect(everything, secret.slice(0, 12)).not.toContain(secret);
  });

  it('a secret inside what was sent: quoted, with more after it, in a signed header, the query, a credential scope, a cookie, the test id', async () => {
    const app = gatewayApp({ behaviour: { explain: true } });
    const login = await request(app).post('/v3/auth/tokens').set('Content-Type', 'application/json').send(LOGIN);
    const token = login.headers['x-subject-token'] as string;
    const date = sdkDateNow();
    const sig = (access: string, signed = 'x-sdk-date') => `SDK-HMAC-SHA256 Access=${access}, SignedHeaders=${signed}, Signature=${ZERO_SIGNATURE}`;
    const answers = await Promise.all([
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', date)
        .set('Authorization', sig(`"${C.secretKey}"`))
        .send('{}'),
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', date)
        .set('Authorization', sig(`"${token}"`))
        .send('{}'),
      request(app)
        .post(`${IRIS}?sk=${C.secretKey}`)
        .set('X-Sdk-Date', date)
        .set('x-foo', C.secretKey)
        .set('Authorization', sig(C.accessKey, 'x-foo;x-sdk-date'))
        .send('{}'),
      request(app)
        .post(IRIS)
        .set('X-Sdk-Date', date)
        .set(
          'Authorization',
          `V11-HMAC-SHA256 Credential=${C.accessKey}/${date.slice(0, 8)}/${C.secretKey}/apic, SignedHeaders=x-sdk-date, Signature=${ZERO_SIGNATURE}`,
        )
        .send('{}'),
      request(app).post(IRIS).set('X-Sdk-Date', `${date}, ${C.secretKey}`).set('Authorization', sig(C.accessKey)).send('{}'),
      request(app).post(ECHO_APP).set('apikey', `${C.appSecret}x`).send('{}'),
      request(app).post(ECHO_APP).set('Cookie', `sk=${C.appCode}`).set('X-Apig-Kit-Test-Id', C.password).send('{}'),
    ]);
    for (const answer of answers) expect(answer.status).toBe(401);
    const everything = await journalAndBodies(
      app,
      answers.map((a) => a.text),
    );
    for (const secret of [...secrets, token]) expect(everything, secret.slice(0, 12)).not.toContain(secret);
    // What was masked is still visible as masked: the canonical request keeps its shape.
    expect(answers[2]!.body.error_msg).toContain('x-foo:[masked secret]|');
  });

  it("a secret that is a common word does not mask the catalogue's words or the gateway's own fields", async () => {
    const users = demoWorld().users.map((u) => (u.name === C.user ? { ...u, password: 'authentication' } : { ...u, password: 'POST' }));
    const app = gatewayApp({ world: { users, tokenSigningKey: 'a-test-token-signing-key-0001' } });
    const res = await request(app).post(IRIS).send('{}');
    expect(res.body.error_msg).toBe('Incorrect IAM authentication information: x-auth-token not found');
    expect(app.gateway.journal.list({ limit: 1 })[0]).toMatchObject({ method: 'POST', status: 401 });
  });

  it("the journal keeps a signature's Authorization as algorithm, key, signed headers and a masked signature", async () => {
    const app = gatewayApp();
    const call = signedIrisCall('http://127.0.0.1');
    await request(app).post(IRIS).set('Host', '127.0.0.1').set(call.headers).send(call.body);
    const entry = app.gateway.journal.list({ limit: 1 })[0]!;
    expect(entry.status).toBe(200);
    expect(entry.headers['authorization']).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=[a-z;-]+, Signature=\\[redacted\\]$`));
  });
});

/**
 * Raw sockets against the running server (startGateway on 127.0.0.1:0, short timeouts). What each
 * hostile exchange gets, all APIG JSON errors (APIG.0201) followed by a closed connection:
 *   headers sent slowly      → 408 "Request timeout." once headersMs has passed
 *   body sent slowly         → 408 once requestMs has passed since the request began
 *   truncated body, broken chunks, Content-Length lies (negative, twice, with chunked, short) → 400 "API request error."
 *   Content-Length over the cap, chunked body past 12 MB → 413, the rest of the body unread
 *   header block over 128 KB → 494 (the gateway's check; over Node's 256 KB parser limit, the same answer)
 *   invalid UTF-8 bytes in the path → 400; bad or undecodable % escapes → the usual route/auth errors
 * and after each, a normal request on a new connection succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { type RawAnswer, rawExchange, rawJsonBody, type RawStep } from './support/raw-socket.ts';

const TIMEOUTS = { headersMs: 400, requestMs: 800, keepAliveMs: 300 };
/** Node looks for expired requests every headersMs / 4; scheduling on a busy CI machine adds more. */
// Generous: the lower bounds prove the timeout; this only proves the answer is not indefinitely late on a busy CI machine.
const SLACK_MS = 4000;
const ECHO = `/v1/infers/${S.echoApp}`;
const MAX_BODY = 12 * 1024 * 1024;

describe('hostile raw HTTP against the running server', () => {
  let g: RunningGateway;
  let port: number;

  beforeAll(async () => {
    g = await startGateway({ timeouts: TIMEOUTS });
    port = Number(new URL(g.url).port);
  });
  afterAll(() => g.close());

  /** The server still answers a normal request, on a new connection. */
  async function expectHealthy(): Promise<void> {
    const response = await fetch(`${g.url}${ECHO}`, {
      method: 'POST',
      headers: { 'X-Apig-AppCode': C.appCode, 'Content-Type': 'application/json' },
      body: '{"ok":true}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { json: unknown }).json).toEqual({ ok: true });
  }

  function expectApigError(answer: RawAnswer, status: number, message: string): void {
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    expect(rawJsonBody(answer)).toMatchObject({ error_code: 'APIG.0201', error_msg: message });
    expect(answer.text).toMatch(/\r\nServer: api-gateway\r\n/);
    expect(answer.closed).toBe(true);
  }

  const head = (extra: string, path = ECHO) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const lastEntry = () => g.gateway.journal.list({ limit: 1 })[0];

  it('headers sent slowly: 408 once the header timeout passes', async () => {
    const drip: RawStep[] = Array.from({ length: 40 }, (_, i) => [{ pauseMs: 100 }, `X-Drip-${i}: x\r\n`]).flat();
    const answer = await rawExchange(port, [`POST ${ECHO} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, ...drip]);
    expectApigError(answer, 408, 'Request timeout.');
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(TIMEOUTS.headersMs - 50);
    expect(answer.elapsedMs).toBeLessThan(TIMEOUTS.headersMs + SLACK_MS);
    await expectHealthy();
  });

  it('body sent slowly: 408 once the request timeout passes; the journal calls it a bad request, not an internal error', async () => {
    const before = g.gateway.journal.lastSequence;
    const drip: RawStep[] = Array.from({ length: 40 }, () => [{ pauseMs: 100 }, 'x']).flat();
    const answer = await rawExchange(port, [head('Content-Length: 1000\r\n'), ...drip]);
    expectApigError(answer, 408, 'Request timeout.');
    expect(answer.elapsedMs).toBeLessThan(TIMEOUTS.requestMs + SLACK_MS);
    await expect.poll(() => g.gateway.journal.list({ since: before }).map((e) => e.rule)).toContain('request.bad');
    expect(g.gateway.journal.list({ since: before }).some((e) => e.rule === 'gateway.internal')).toBe(false);
    await expectHealthy();
  });

  it('truncated body (client half-closes early): 400, journaled as request.bad', async () => {
    const before = g.gateway.journal.lastSequence;
    const answer = await rawExchange(port, [head('Content-Length: 100\r\n'), '{"ok":'], { halfClose: true });
    expectApigError(answer, 400, 'API request error.');
    await expect.poll(() => g.gateway.journal.list({ since: before })[0]?.rule).toBe('request.bad');
    await expectHealthy();
  });

  it('a client that resets mid-body leaves no internal error behind', async () => {
    const before = g.gateway.journal.lastSequence;
    await rawExchange(port, [head('Content-Length: 100\r\n'), '{"ok":'], { waitMs: 50 });
    await expect.poll(() => g.gateway.journal.list({ since: before })[0]?.rule).toBe('request.bad');
    await expectHealthy();
  });

  it.each([
    ['a negative Content-Length', 'Content-Length: -5\r\n', 'abc'],
    ['two different Content-Lengths', 'Content-Length: 3\r\nContent-Length: 4\r\n', 'abcd'],
    ['Content-Length with chunked', 'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n', '3\r\nabc\r\n0\r\n\r\n'],
    ['a Content-Length shorter than the body (the rest is garbage as a next request)', 'Content-Length: 2\r\n', '{}garbage that is no request line\r\n\r\n'],
    ['broken chunk framing', 'Transfer-Encoding: chunked\r\n', 'zz\r\nabc\r\n'],
  ])('%s: 400 API request error, connection closed', async (_name, headers, body) => {
    const answer = await rawExchange(port, [head(headers), body]);
    // A short Content-Length may let the first request be answered before the garbage is refused.
    const last = answer.text.lastIndexOf('HTTP/1.1 ');
    expectApigError({ ...answer, text: answer.text.slice(last), status: Number(answer.text.slice(last + 9, last + 12)) }, 400, 'API request error.');
    await expectHealthy();
  });

  it('a Content-Length over 12 MB: 413 before any byte of the body is read', async () => {
    const answer = await rawExchange(port, [head(`Content-Length: ${MAX_BODY + 1}\r\n`), 'x'.repeat(1000)]);
    expectApigError(answer, 413, 'Request entity too large.');
    expect(lastEntry()).toMatchObject({ rule: 'request.body-too-large', bodyBytes: 0 });
    await expectHealthy();
  });

  it('a chunked body past 12 MB: 413, cut off having read at most 12 MB plus one chunk', async () => {
    const CHUNK = 64 * 1024;
    const chunk = `${CHUNK.toString(16)}\r\n${'x'.repeat(CHUNK)}\r\n`;
    const steps: RawStep[] = [head('Transfer-Encoding: chunked\r\n'), ...Array.from({ length: Math.ceil((MAX_BODY * 1.25) / CHUNK) }, () => chunk)];
    const answer = await rawExchange(port, steps, { waitMs: 5000 });
    expectApigError(answer, 413, 'Request entity too large.');
    const entry = lastEntry()!;
    expect(entry.rule).toBe('request.body-too-large');
    expect(entry.bodyBytes).toBeGreaterThan(MAX_BODY);
    expect(entry.bodyBytes).toBeLessThanOrEqual(MAX_BODY + CHUNK);
    await expectHealthy();
  }, 20_000);

  it('a header block over 128 KB: 494, from the gateway below the parser limit and above it', async () => {
    const manyHeaders = Array.from({ length: 10 }, (_, i) => `X-Big-${i}: ${'a'.repeat(20_000)}\r\n`).join('');
    const gatewayChecked = await rawExchange(port, [head(`${manyHeaders}Content-Length: 0\r\nConnection: close\r\n`)]);
    expect(gatewayChecked.status).toBe(494);
    expect(rawJsonBody(gatewayChecked)).toMatchObject({ error_code: 'APIG.0201', error_msg: 'Request headers too large.' });
    const overParser = await rawExchange(port, [head(`X-Huge: ${'a'.repeat(300_000)}\r\nContent-Length: 0\r\n`)]);
    expectApigError(overParser, 494, 'Request headers too large.');
    await expectHealthy();
  });

  it('invalid UTF-8 bytes in the path: 400 API request error', async () => {
    const line = Buffer.concat([Buffer.from(`POST ${ECHO}/`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' HTTP/1.1\r\n')]);
    const answer = await rawExchange(port, [line, `Host: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`]);
    expectApigError(answer, 400, 'API request error.');
    await expectHealthy();
  });

  it.each([
    ['%zz on an unknown route', '/v1/infers/%zz', 404, 'APIG.0101'],
    ['a lone % in a sub-path', `${ECHO}/%`, 200, undefined],
    ['%-escaped invalid UTF-8 in the sub-path and query', `${ECHO}/%C3%28%FF?a=%E2%82&b=%`, 200, undefined],
    ['%00 in the service id', '/v1/infers/%00', 404, 'APIG.0101'],
  ])('%s: a JSON answer of the gateway, not an HTML page', async (_name, path, status, code) => {
    const answer = await rawExchange(port, [
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    ]);
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    expect(answer.text).toMatch(/\r\nContent-Type: application\/json/);
    const body = rawJsonBody(answer);
    if (code) expect(body?.['error_code']).toBe(code);
    else expect(body?.['sub_path']).toBe(path.slice(ECHO.length).split('?')[0]);
    await expectHealthy();
  });

  it('an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const answer = await rawExchange(port, [head('Content-Length: 2\r\n'), '{}'], { waitMs: TIMEOUTS.keepAliveMs + SLACK_MS });
    expect(answer.status).toBe(200);
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveMs - 50);
    await expectHealthy();
  });
});

/** Reading answers: bodies, typed errors from each error shape, the timeout (gateway.md §1.1, §5.2, §6.4). */
import { describe, expect, it } from 'vitest';
import { ApigError, ConnectionError, IamError, RequestTimeoutError } from '../../src/clients/index.ts';
import { errorFromResponse, fetchWithTimeout, parseBody, type ReceivedResponse } from '../../src/clients/http.ts';

const RID = '0123456789abcdef0123456789abcdef';
const received = (status: number, text: string, headers: Record<string, string> = { 'content-type': 'application/json' }): ReceivedResponse => ({
  status,
  text,
  headers: new Headers(headers),
});
const same = (text: string) => text;

describe('parseBody', () => {
  it('parses JSON (also +json and with parameters), else gives the text', () => {
    expect(parseBody(received(200, '{"a":1}', { 'content-type': 'application/json;charset=utf-8' }))).toEqual({ a: 1 });
    expect(parseBody(received(200, '{"a":1}', { 'content-type': 'application/problem+json' }))).toEqual({ a: 1 });
    expect(parseBody(received(200, '{"a":1}', { 'content-type': 'text/plain' }))).toBe('{"a":1}');
    expect(parseBody(received(200, 'not json'))).toBe('not json');
    expect(parseBody(received(200, ''))).toBe('');
  });
});

describe('errorFromResponse', () => {
  it("APIG's body: code, message and the body's request_id", () => {
    const error = errorFromResponse(
      received(401, JSON.stringify({ error_msg: 'Incorrect IAM authentication information: decrypt token fail', error_code: 'APIG.0301', request_id: RID }), {
        'content-type': 'application/json',
        'x-request-id': 'f'.repeat(32),
      }),
      same,
    );
    expect(error).toBeInstanceOf(ApigError);
    expect(error).toMatchObject({
      status: 401,
      errorCode: 'APIG.0301',
      errorMsg: 'Incorrect IAM authentication information: decrypt token fail',
      requestId: RID,
    });
    expect(error.message).toBe(`APIG.0301: Incorrect IAM authentication information: decrypt token fail (status 401, request ${RID})`);
  });

  it('ModelArts body without request_id: the X-Request-Id header instead', () => {
    const error = errorFromResponse(
      received(400, JSON.stringify({ error_code: 'ModelArts.4203', error_msg: 'Invalid request because requested service x is unavailable. ' }), {
        'content-type': 'application/json',
        'x-request-id': RID,
      }),
      same,
    );
    expect(error).toMatchObject({ name: 'ApigError', errorCode: 'ModelArts.4203', requestId: RID });
  });

  it("a model's own erno/msg body", () => {
    expect(errorFromResponse(received(500, '{"erno":"MR.0105","msg":"Recognition failed","words_result":{}}'), same)).toMatchObject({
      errorCode: 'MR.0105',
      errorMsg: 'Recognition failed',
    });
  });

  it('Keystone body: IamError', () => {
    const error = errorFromResponse(
      received(401, '{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}', {
        'content-type': 'application/json',
        'x-request-id': RID,
      }),
      same,
    );
    expect(error).toBeInstanceOf(IamError);
    expect(error).toMatchObject({ status: 401, code: 401, title: 'Unauthorized', errorMsg: 'The username or password is wrong.', requestId: RID });
  });

  it('anything else: ApigError without a code, the text (cut short) as message, JSON header or not', () => {
    const error = errorFromResponse(received(502, `<html>${'x'.repeat(1000)}</html>`, { 'content-type': 'text/html' }), same);
    expect(error).toMatchObject({ name: 'ApigError', status: 502, errorCode: undefined });
    expect((error as ApigError).errorMsg).toHaveLength(500);
    expect(error.message).toMatch(/^HTTP 502: <html>x+ \(status 502\)$/);
    expect(errorFromResponse(received(401, '{"error_code":"APIG.0301","error_msg":"m"}', { 'content-type': 'text/plain' }), same)).toMatchObject({
      errorCode: 'APIG.0301',
    });
  });

  it('passes every string through the mask', () => {
    const error = errorFromResponse(received(401, '{"error_code":"APIG.0301","error_msg":"has SECRET in it"}'), (t) => t.replace('SECRET', '***'));
    expect(error.errorMsg).toBe('has *** in it');
  });
});

describe('fetchWithTimeout', () => {
  it('a body that stalls after the headers also times out', async () => {
    // Headers arrive at once; the body never does, until the signal aborts it (as fetch's body stream would be).
    const fetch = async (_: string, init: RequestInit) =>
      ({
        status: 200,
        headers: new Headers(),
        text: () => new Promise<string>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
      }) as unknown as Response;
    await expect(fetchWithTimeout(fetch, 'https://x.test/', {}, 20)).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});

describe('a network failure', () => {
  const failing = (cause: unknown) => async () => {
    throw new TypeError('fetch failed', { cause });
  };

  it('is a ConnectionError naming the code, its meaning and the URL without query or user info', async () => {
    const error = await fetchWithTimeout(
      failing(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
      'https://user:pw@apig.example.com/v1/infers/x?key=secret',
      {},
      1000,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      code: 'ENOTFOUND',
      url: 'https://apig.example.com/v1/infers/x',
      message: 'cannot reach https://apig.example.com/v1/infers/x: ENOTFOUND (no such host)',
    });
  });

  it('finds the code among the errors of an AggregateError, and says what it can without one', async () => {
    const both = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'connect failed');
    await expect(fetchWithTimeout(failing(both), 'http://localhost:1/x', {}, 1000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(fetchWithTimeout(failing(new Error('bad port')), 'http://localhost:1/x', {}, 1000)).rejects.toThrow(
      'cannot reach http://localhost:1/x: bad port',
    );
  });

  it('leaves other errors as they are', async () => {
    const own = new RangeError('mine');
    await expect(fetchWithTimeout(async () => Promise.reject(own), 'http://h/', {}, 1000)).rejects.toBe(own);
  });
});

import { describe, expect, it } from 'vitest';
import { HttpMessageError, parseHttpRequest, serializeHttpRequest } from '../../src/protocol/http-message.ts';

// The vector file format documented in src/protocol/http-message.ts: request line, header lines,
// blank line, body bytes exactly; LF or CRLF line ends; obs-fold joined with one space (RFC 9112 §5.2).

describe('parseHttpRequest', () => {
  it('parses request line, headers and body (LF)', () => {
    const message = parseHttpRequest('POST /v1/infers/abc?x=1 HTTP/1.1\nHost: example.com\nContent-Type: application/json\n\n{"a":1}');
    expect(message.method).toBe('POST');
    expect(message.target).toBe('/v1/infers/abc?x=1');
    expect(message.headers).toEqual([
      ['Host', 'example.com'],
      ['Content-Type', 'application/json'],
    ]);
    expect(message.body.toString('utf8')).toBe('{"a":1}');
  });

  it('keeps header names as written and header order, duplicates included', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nX-B: 1\nx-a: 2\nX-B: 3\n\n');
    expect(message.headers).toEqual([
      ['X-B', '1'],
      ['x-a', '2'],
      ['X-B', '3'],
    ]);
  });

  it('trims spaces and tabs around a header value but keeps inner whitespace', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nX-A: \t a  b \t\n\n');
    expect(message.headers).toEqual([['X-A', 'a  b']]);
  });

  it('accepts a header with an empty value', () => {
    expect(parseHttpRequest('GET / HTTP/1.1\nX-Empty:\n\n').headers).toEqual([['X-Empty', '']]);
  });

  it('keeps colons inside the value', () => {
    expect(parseHttpRequest('GET / HTTP/1.1\nHost: example.com:8443\n\n').headers).toEqual([['Host', 'example.com:8443']]);
  });

  it('joins an obs-fold continuation line with a single space', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nX-Long: first  \n   second\n\tthird\nX-Next: n\n\n');
    expect(message.headers).toEqual([
      ['X-Long', 'first second third'],
      ['X-Next', 'n'],
    ]);
  });

  it('keeps the body byte for byte, including binary bytes and blank lines', () => {
    const body = Buffer.from([0x00, 0xff, 0x0a, 0x0a, 0x0d, 0x0a, 0x41]);
    const raw = Buffer.concat([Buffer.from('PUT /x HTTP/1.1\nContent-Type: application/octet-stream\n\n'), body]);
    expect([...parseHttpRequest(raw).body]).toEqual([...body]);
  });

  it('reads an empty body after the blank line', () => {
    expect(parseHttpRequest('GET / HTTP/1.1\nHost: h\n\n').body.length).toBe(0);
  });

  it('reads a message without a blank line as headers only', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nHost: h');
    expect(message.headers).toEqual([['Host', 'h']]);
    expect(message.body.length).toBe(0);
  });

  it('accepts HTTP/1.0 in the request line', () => {
    expect(parseHttpRequest('GET /old HTTP/1.0\n\n').target).toBe('/old');
  });

  it('accepts an absolute-form target', () => {
    expect(parseHttpRequest('GET https://example.com/a?b=1 HTTP/1.1\n\n').target).toBe('https://example.com/a?b=1');
  });

  it('returns a body buffer that does not share memory with the input', () => {
    const raw = Buffer.from('POST / HTTP/1.1\n\nabc');
    const message = parseHttpRequest(raw);
    raw[raw.length - 1] = 0x5a;
    expect(message.body.toString()).toBe('abc');
  });

  it('parses CRLF line ends: header lines and body', () => {
    const message = parseHttpRequest('POST /p HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2');
    expect(message.method).toBe('POST');
    expect(message.target).toBe('/p');
    expect(message.headers[0]).toEqual(['Host', 'h']);
    expect(message.body.toString()).toBe('line1\r\nline2');
  });

  // Regression: the '\r' of the last header line once stayed in its value.
  it('strips the CR of the last header line with CRLF line ends', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\r\nHost: h\r\nX-Last: v\r\n\r\n');
    expect(message.headers).toEqual([
      ['Host', 'h'],
      ['X-Last', 'v'],
    ]);
  });

  it('parses a CRLF request with no headers', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\r\n\r\n');
    expect(message.method).toBe('GET');
    expect(message.headers).toEqual([]);
  });

  it.each([
    ['a lower-case HTTP version', 'GET / http/1.1\n\n'],
    ['HTTP/2', 'GET / HTTP/2\n\n'],
    ['no version', 'GET /\n\n'],
    ['a method with digits', 'G3T / HTTP/1.1\n\n'],
    ['two spaces', 'GET  / HTTP/1.1\n\n'],
    ['an empty message', ''],
  ])('rejects a request line with %s', (_label, raw) => {
    expect(() => parseHttpRequest(raw)).toThrow(HttpMessageError);
  });

  it('rejects a header line without a colon', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1\nHost example.com\n\n')).toThrow(HttpMessageError);
  });

  it('rejects a header line with an empty name', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1\n: value\n\n')).toThrow(HttpMessageError);
  });

  it('rejects a continuation line before any header', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1\n  folded\n\n')).toThrow(HttpMessageError);
  });
});

describe('serializeHttpRequest', () => {
  it('writes request line, "Name: value" lines, a blank line and the body, with LF ends', () => {
    const bytes = serializeHttpRequest({
      method: 'POST',
      target: '/v1/x?a=1',
      headers: [
        ['Host', 'example.com'],
        ['X-Sdk-Date', '20191115T033655Z'],
      ],
      body: Buffer.from('{}'),
    });
    expect(bytes.toString('utf8')).toBe('POST /v1/x?a=1 HTTP/1.1\nHost: example.com\nX-Sdk-Date: 20191115T033655Z\n\n{}');
  });

  it('writes a request without headers or body', () => {
    expect(serializeHttpRequest({ method: 'GET', target: '/', headers: [], body: Buffer.alloc(0) }).toString()).toBe('GET / HTTP/1.1\n\n');
  });

  it('keeps binary body bytes', () => {
    const body = Buffer.from([0x00, 0xff, 0x80]);
    const bytes = serializeHttpRequest({ method: 'PUT', target: '/b', headers: [], body });
    expect([...bytes.subarray(bytes.length - 3)]).toEqual([0x00, 0xff, 0x80]);
  });

  it('round-trips through parseHttpRequest', () => {
    const message = {
      method: 'POST',
      target: '/a%20b/?q=%E4%B8%80',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-A', 'v  w'],
      ] as Array<[string, string]>,
      body: Buffer.from('{"x":"\n\n"}'),
    };
    expect(parseHttpRequest(serializeHttpRequest(message))).toEqual(message);
  });
});

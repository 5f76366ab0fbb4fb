/**
 * The raw request format of the vectors (fixtures/vectors/README.md: request line, header lines,
 * blank line, body; LF or CRLF; obs-fold joined with one space) at its edges, what its errors
 * say, and the credential headers that anything showing a request must mask.
 */
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_HEADERS, isCredentialHeader } from '../../src/protocol/credential-headers.ts';
import { HttpMessageError, parseHttpRequest } from '../../src/protocol/http-message.ts';

describe('parseHttpRequest line ends', () => {
  it('takes each line end as it comes: an LF header line before a CRLF blank line', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nHost: h\n\r\nbody');
    expect(message.headers).toEqual([['Host', 'h']]);
    expect(message.body.toString()).toBe('body');
  });

  it('does not end the head at a continuation line of one blank', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nX-A: a\n\t\nX-B: c\n\nbody');
    expect(message.headers.map(([name, value]) => [name, value.trim()])).toEqual([
      ['X-A', 'a'],
      ['X-B', 'c'],
    ]);
    expect(message.body.toString()).toBe('body');
  });

  it('keeps a body that starts with CR or LF', () => {
    expect(parseHttpRequest('GET / HTTP/1.1\r\nHost: h\r\n\r\n\r\nx').body.toString()).toBe('\r\nx');
    expect(parseHttpRequest('GET / HTTP/1.1\nHost: h\n\n\nx').body.toString()).toBe('\nx');
  });

  it('joins a continuation line once the previous value’s trailing blanks are gone', () => {
    const message = parseHttpRequest('GET / HTTP/1.1\nX-A: a \t\n   b  \n\n');
    expect(message.headers).toEqual([['X-A', 'a b']]);
  });

  it('refuses a request line with anything after the version', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1 extra\n\n')).toThrow(HttpMessageError);
  });
});

describe('HttpMessageError', () => {
  it('is named and quotes the line it refuses', () => {
    const error = (() => {
      try {
        parseHttpRequest('GET /\nHost: h\n\n');
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(HttpMessageError);
    expect(error.name).toBe('HttpMessageError');
    expect(error.message).toBe('not an HTTP/1.1 request line: "GET /"');
  });

  it('quotes an empty request line as empty', () => {
    expect(() => parseHttpRequest('')).toThrow('not an HTTP/1.1 request line: ""');
  });

  it('quotes a header line without a colon', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1\nHost example.com\n\n')).toThrow('not a header line: "Host example.com"');
  });

  it('says a continuation line came first', () => {
    expect(() => parseHttpRequest('GET / HTTP/1.1\n folded\n\n')).toThrow('a continuation line comes before any header');
  });
});

describe('credential headers', () => {
  // gateway.md §3.1 X-Auth-Token, §5.3 X-Subject-Token, §3.4 X-Apig-AppCode, §3.5 apikey;
  // signing.md §3.3 X-Security-Token; and a proxy's credentials.
  it.each([
    'X-Auth-Token',
    'x-auth-token',
    'X-Subject-Token',
    'X-Apig-AppCode',
    'X-APIG-APPCODE',
    'X-Security-Token',
    'apikey',
    'ApiKey',
    'Proxy-Authorization',
  ])('%s is a credential', (name) => {
    expect(isCredentialHeader(name)).toBe(true);
  });

  it.each(['Authorization', 'X-Sdk-Date', 'Host', 'Content-Type', 'X-Stage', ''])('%j is not (Authorization is masked apart)', (name) => {
    expect(isCredentialHeader(name)).toBe(false);
  });

  it('lists exactly the six, lower-case', () => {
    expect([...CREDENTIAL_HEADERS].sort()).toEqual([
      'apikey',
      'proxy-authorization',
      'x-apig-appcode',
      'x-apig-kit-admin-token',
      'x-auth-token',
      'x-security-token',
      'x-subject-token',
    ]);
  });
});

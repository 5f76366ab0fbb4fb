/**
 * What a proxied call becomes on its way to the model (modelarts-services.md §3.2, §3.5): the path
 * it reaches, and the headers: hop-by-hop ones (RFC 9110 §7.6.1) and credentials out, the switched-on
 * additions in, header bytes unchanged.
 */
import { describe, expect, it } from 'vitest';
import { proxyOptionsSchema } from '../../src/mock/models/proxy-config.ts';
import { upstreamHeaders, upstreamPath } from '../../src/mock/models/proxy/upstream-request.ts';

const TARGET = new URL('http://127.0.0.1:8080');
const options = (extra: Record<string, unknown> = {}) => proxyOptionsSchema.parse({ url: TARGET.href, ...extra });
const headers = (entries: Record<string, string | string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

describe('upstreamPath', () => {
  it.each([
    ['', '', '/'],
    ['/', '', '/'],
    ['/predictions/poetry', 'a=1&a=2', '/predictions/poetry?a=1&a=2'],
    ['/a%2Fb//c/', 'x=%E2%82%AC', '/a%2Fb//c/?x=%E2%82%AC'],
  ])('%j ? %j → %j', (subPath, query, path) => {
    expect(upstreamPath(TARGET, subPath, query)).toBe(path);
  });

  it('puts a target path of its own in front', () => {
    expect(upstreamPath(new URL('http://m:8080/base/'), '/greet', '')).toBe('/base/greet');
    expect(upstreamPath(new URL('http://m:8080/base'), '', 'q=1')).toBe('/base/?q=1');
  });
});

describe('upstreamHeaders', () => {
  const sent = headers({
    host: 'gw.example',
    'content-type': 'application/json',
    'content-length': '999',
    connection: 'keep-alive, X-Hop',
    'x-hop': 'gone',
    'keep-alive': 'timeout=5',
    te: 'trailers',
    'transfer-encoding': 'chunked',
    upgrade: 'h2c',
    expect: '100-continue',
    'proxy-authorization': 'Basic x',
    authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abc',
    'x-auth-token': 'MIItoken',
    'x-security-token': 'sts',
    'x-apig-appcode': 'code',
    apikey: 'key',
    'x-sdk-date': '20261123T090000Z',
    'x-stage': 'RELEASE',
    'x-repeated': ['a', 'b'],
    'x-utf8': 'café €',
  });

  it('keeps end-to-end headers, drops hop-by-hop and credential ones, sets Host and Content-Length', () => {
    expect(upstreamHeaders(sent, options(), TARGET, 12, { protocol: 'http' })).toEqual({
      host: '127.0.0.1:8080',
      'content-type': 'application/json',
      'content-length': '12',
      'x-stage': 'RELEASE',
      'x-repeated': ['a', 'b'],
      // The UTF-8 bytes the client sent, as Node writes a header: one latin1 char per byte.
      'x-utf8': Buffer.from('café €', 'utf8').toString('latin1'),
    });
  });

  it('with forwardCredentialHeaders: the credentials go on too', () => {
    const out = upstreamHeaders(sent, options({ forwardCredentialHeaders: true }), TARGET, 0, { protocol: 'http' });
    for (const name of ['authorization', 'x-auth-token', 'x-security-token', 'x-apig-appcode', 'apikey', 'x-sdk-date'])
      expect(out[name]).toBe(sent.get(name)![0]);
    expect(out['proxy-authorization']).toBeUndefined();
  });

  it('with forwardedHeaders and extraHeaders', () => {
    const out = upstreamHeaders(
      headers({ 'x-forwarded-for': '10.0.0.1', host: 'gw.example' }),
      options({ forwardedHeaders: true, extraHeaders: { 'X-Model-Version': 'v2' } }),
      TARGET,
      0,
      { protocol: 'https', host: 'gw.example', remoteAddress: '192.0.2.7' },
    );
    expect(out).toMatchObject({
      'x-forwarded-for': '10.0.0.1, 192.0.2.7',
      'x-forwarded-host': 'gw.example',
      'x-forwarded-proto': 'https',
      'x-model-version': 'v2',
    });
  });

  it('a body-less call without a declared length gets no Content-Length', () => {
    expect(upstreamHeaders(headers({ host: 'h' }), options(), TARGET, 0, { protocol: 'http' })['content-length']).toBeUndefined();
  });
});

describe('credentials kept from the model', () => {
  it('withholds every credential header, the signature and its date, and apig-kit’s admin token', () => {
    const sent = headers({
      authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=00',
      'x-sdk-date': '20261201T000000Z',
      'x-auth-token': 'MIItoken',
      'x-subject-token': 'MIIsubject',
      'x-security-token': 'sec',
      'x-apig-appcode': 'code',
      apikey: 'key',
      'proxy-authorization': 'Basic eA==',
      'x-apig-kit-admin-token': 'admin-token-0123456789',
      'x-kept': 'yes',
    });
    const out = upstreamHeaders(sent, options(), TARGET, 0, { remoteAddress: undefined, host: undefined, protocol: 'http' });
    expect(Object.keys(out).sort()).toEqual(['host', 'x-kept']);
  });
});

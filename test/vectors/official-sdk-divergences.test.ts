/**
 * Where the official Node SDK signer departs from the gateway model (signing.md §2 "Consequences").
 * Each test pins the SDK's exact output (its signature equals one over the canonical request the SDK
 * is known to build) and shows that the gateway model computes something else. If an SDK release
 * fixes or changes one of these, the matching test fails and tells us.
 */
import { describe, expect, it } from 'vitest';
import { algorithmByName, computeSignature, digestHex, EMPTY_DIGEST, signRequest } from '../../src/protocol/index.ts';
import { officialSign, type SdkRequest } from '../support/official-sdk.ts';

const DATE = '20261123T091500Z';
const KEYS = { ak: 'AKDIVERGENCE', sk: 'skDivergence0000000000' };
const HOST = 'h.example.com';

function sdkSignature(request: Partial<SdkRequest> & { headers: Record<string, string> }): string {
  const headers = officialSign('SDK-HMAC-SHA256', {
    endpoint: `http://${HOST}/v1/x`,
    method: 'POST',
    queryParams: {},
    ...request,
    headers: { host: HOST, 'X-Sdk-Date': DATE, ...request.headers },
  }, KEYS);
  return /Signature=([0-9a-f]{64})$/.exec(headers['Authorization'] ?? '')?.[1] ?? 'no signature';
}

/** The signature over a canonical request written out by hand. */
function signatureOver(lines: string[]): string {
  return computeSignature({ algorithm: algorithmByName('SDK-HMAC-SHA256')!, accessKey: KEYS.ak, secretKey: KEYS.sk, sdkDate: DATE, canonicalRequest: lines.join('\n') }).signature;
}

function gatewayModelSignature(method: string, target: string, headers: Record<string, string>, body?: string): string {
  return signRequest({ method, url: target, headers: { host: HOST, 'X-Sdk-Date': DATE, ...headers }, body }, { accessKey: KEYS.ak, secretKey: KEYS.sk }).steps.signature;
}

describe('official Node SDK divergences from the gateway model, pinned', () => {
  it('a string body is hashed as JSON.stringify(string), quotes and all, while the raw string is sent', () => {
    const body = '{"a":1}';
    const sdk = sdkSignature({ headers: {}, data: body });
    expect(sdk).toBe(signatureOver(['POST', '/v1/x/', '', `host:${HOST}`, `x-sdk-date:${DATE}`, '', 'host;x-sdk-date', digestHex('sha256', JSON.stringify(body))]));
    expect(sdk).not.toBe(gatewayModelSignature('POST', '/v1/x', {}, body));
  });

  it('a Buffer body is hashed as its JSON form {"type":"Buffer",...}', () => {
    const sdk = sdkSignature({ headers: {}, data: Buffer.from('hi') });
    expect(sdk).toBe(signatureOver(['POST', '/v1/x/', '', `host:${HOST}`, `x-sdk-date:${DATE}`, '', 'host;x-sdk-date', digestHex('sha256', '{"type":"Buffer","data":[104,105]}')]));
    expect(sdk).not.toBe(gatewayModelSignature('POST', '/v1/x', {}, 'hi'));
  });

  it('header values are not trimmed', () => {
    const sdk = sdkSignature({ headers: { 'x-custom': '  v  ' } });
    expect(sdk).toBe(signatureOver(['POST', '/v1/x/', '', `host:${HOST}`, `x-custom:  v  `, `x-sdk-date:${DATE}`, '', 'host;x-custom;x-sdk-date', EMPTY_DIGEST.sha256]));
    expect(sdk).not.toBe(gatewayModelSignature('POST', '/v1/x', { 'x-custom': '  v  ' }));
  });

  it('a percent-encoded path is encoded again (%20 becomes %2520)', () => {
    const sdk = sdkSignature({ headers: {}, endpoint: `http://${HOST}/a%20b/c` });
    expect(sdk).toBe(signatureOver(['POST', '/a%2520b/c/', '', `host:${HOST}`, `x-sdk-date:${DATE}`, '', 'host;x-sdk-date', EMPTY_DIGEST.sha256]));
    expect(sdk).not.toBe(gatewayModelSignature('POST', '/a%20b/c', {}));
  });

  it('canonical header lines follow localeCompare while SignedHeaders follows code units', () => {
    const headers = { x_b: '1', 'x-a': '2', x1: '3' };
    const sdk = sdkSignature({ headers });
    expect(sdk).toBe(
      signatureOver(['POST', '/v1/x/', '', `host:${HOST}`, 'x_b:1', 'x-a:2', `x-sdk-date:${DATE}`, 'x1:3', '', 'host;x-a;x-sdk-date;x1;x_b', EMPTY_DIGEST.sha256]),
    );
    expect(sdk).not.toBe(
      signRequest({ method: 'POST', url: '/v1/x', headers: { host: HOST, 'X-Sdk-Date': DATE, ...headers } }, { accessKey: KEYS.ak, secretKey: KEYS.sk }, { signedHeaders: ['host', 'x-a', 'x-sdk-date', 'x1', 'x_b'] }).steps.signature,
    );
  });

  it('a lower-case method is signed as given, though the HTTP client sends it upper-case', () => {
    const sdk = sdkSignature({ headers: {}, method: 'get' });
    expect(sdk).toBe(signatureOver(['get', '/v1/x/', '', `host:${HOST}`, `x-sdk-date:${DATE}`, '', 'host;x-sdk-date', EMPTY_DIGEST.sha256]));
    expect(sdk).not.toBe(gatewayModelSignature('GET', '/v1/x', {}));
  });

  it('query keys are sorted by UTF-16 code units, not code points (U+E000 vs an astral character)', () => {
    const sdk = sdkSignature({ headers: {}, queryParams: { '\uE000': '2', '😀': '1' } });
    expect(sdk).toBe(signatureOver(['POST', '/v1/x/', '%F0%9F%98%80=1&%EE%80%80=2', `host:${HOST}`, `x-sdk-date:${DATE}`, '', 'host;x-sdk-date', EMPTY_DIGEST.sha256]));
    expect(sdk).not.toBe(gatewayModelSignature('POST', `/v1/x?${encodeURIComponent('\uE000')}=2&${encodeURIComponent('😀')}=1`, {}));
  });
});

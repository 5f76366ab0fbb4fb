/**
 * What a verdict tells the person reading it (signing.md §4.2, §4.3 step 6): each rejection's
 * detail names the facts needed to fix the request, the computed canonical request is the one the
 * headers call for, and the diagnosis of a mismatch never reads a streamed body twice. The client
 * is written by hand from signing.md §1, not with our signer.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ReceivedRequest, type Verdict, type VerifyOptions, verifyRequest } from '../../src/protocol/verifier.ts';

const AK = 'AKDETAILS000000001';
const SK = 'sk-details-7Hq2Lr9Xv4Bn6Mz1Kc3P';
const SDK_DATE = '20261124T101500Z';
const NOW = Date.UTC(2026, 10, 24, 10, 15, 0);
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** Signs `canonical lines` by hand (§1.3–§1.6) and returns the request headers, Authorization included. */
function handSign(uri: string, payloadHash: string, headers: Record<string, string>, secret = SK): Record<string, string> {
  const names = Object.keys(headers).sort();
  const block = names.map((name) => `${name}:${headers[name]}\n`).join('');
  const canonical = `POST\n${uri}\n\n${block}\n${names.join(';')}\n${payloadHash}`;
  const signature = createHmac('sha256', secret)
    .update(`SDK-HMAC-SHA256\n${SDK_DATE}\n${sha256(canonical)}`)
    .digest('hex');
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

const BASE_HEADERS = { host: 'apig.example', 'x-sdk-date': SDK_DATE };

async function verify(request: Partial<ReceivedRequest> & { headers: ReceivedRequest['headers'] }, options: Partial<VerifyOptions> = {}) {
  return verifyRequest(
    { method: 'POST', target: '/p', body: '', ...request },
    { lookup: (ak) => (ak === AK ? { secretKey: SK } : undefined), now: NOW, ...options },
  );
}

function rejected(verdict: Verdict): Extract<Verdict, { accepted: false }> {
  expect(verdict.accepted).toBe(false);
  if (verdict.accepted) throw new Error('accepted');
  return verdict;
}

async function* streamOf(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield Buffer.from(chunk);
}

describe('rejection details name what to fix', () => {
  it('authorization-missing names the header', async () => {
    const verdict = rejected(await verify({ headers: BASE_HEADERS }));
    expect(verdict.reason).toBe('authorization-missing');
    expect(verdict.detail).toContain('Authorization');
  });

  it('unknown-key names the access key', async () => {
    const headers = {
      ...handSign('/p/', EMPTY_SHA256, BASE_HEADERS),
      authorization: `SDK-HMAC-SHA256 Access=AKNOBODY, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
    };
    const verdict = rejected(await verify({ headers }));
    expect(verdict.reason).toBe('unknown-key');
    expect(verdict.detail).toContain('"AKNOBODY"');
  });

  it('date-missing names X-Sdk-Date', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, { host: 'apig.example' });
    const verdict = rejected(await verify({ headers }));
    expect(verdict.reason).toBe('date-missing');
    expect(verdict.detail).toContain('X-Sdk-Date');
  });

  it('date-malformed repeats the value and the expected layout', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, { ...BASE_HEADERS, 'x-sdk-date': '2026-11-24T10:15:00Z' });
    const verdict = rejected(await verify({ headers }));
    expect(verdict.reason).toBe('date-malformed');
    expect(verdict.detail).toContain('"2026-11-24T10:15:00Z"');
    expect(verdict.detail).toContain('YYYYMMDDTHHMMSSZ');
  });

  it('date-expired says how far, which way, and the server time', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, BASE_HEADERS);
    const late = rejected(await verify({ headers }, { now: NOW + 16 * 60_000 }));
    expect(late.reason).toBe('date-expired');
    expect(late.detail).toBe(`X-Sdk-Date ${SDK_DATE} is 960 s in the past of the server time 20261124T103100Z`);
    const early = rejected(await verify({ headers }, { now: NOW - 20 * 60_000 }));
    expect(early.detail).toBe(`X-Sdk-Date ${SDK_DATE} is 1200 s in the future of the server time 20261124T095500Z`);
    expect(early.skew).toEqual({ direction: 'future', seconds: 1200, signedAt: SDK_DATE, serverTime: '20261124T095500Z' });
  });

  it('scope-mismatch gives both days, the X-Sdk-Date as a day', async () => {
    const authorization = `V11-HMAC-SHA256 Credential=${AK}/20261123/cn-north-4/apic, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`;
    const verdict = rejected(await verify({ headers: { ...BASE_HEADERS, authorization } }));
    expect(verdict.reason).toBe('scope-mismatch');
    expect(verdict.detail).toBe('the credential scope date 20261123 is not the X-Sdk-Date day 20261124');
  });

  it('date-not-signed names x-sdk-date and SignedHeaders', async () => {
    const authorization = `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
    const verdict = rejected(await verify({ headers: { ...BASE_HEADERS, authorization } }));
    expect(verdict.reason).toBe('date-not-signed');
    expect(verdict.detail).toContain('x-sdk-date');
    expect(verdict.detail).toContain('SignedHeaders');
  });

  it('signed-header-missing names the header', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, { ...BASE_HEADERS, 'x-custom': 'v' });
    delete (headers as Record<string, string | undefined>)['x-custom'];
    const verdict = rejected(await verify({ headers }));
    expect(verdict).toMatchObject({ reason: 'signed-header-missing', header: 'x-custom' });
    expect(verdict.detail).toContain('"x-custom"');
  });

  it('security-token-missing and -mismatch name X-Security-Token', async () => {
    const lookup = () => ({ secretKey: SK, securityToken: 'tok' });
    const missing = rejected(await verify({ headers: handSign('/p/', EMPTY_SHA256, BASE_HEADERS) }, { lookup }));
    expect(missing.reason).toBe('security-token-missing');
    expect(missing.detail).toContain('X-Security-Token');
    const other = rejected(await verify({ headers: handSign('/p/', EMPTY_SHA256, { ...BASE_HEADERS, 'x-security-token': 'other' }) }, { lookup }));
    expect(other.reason).toBe('security-token-mismatch');
    expect(other.detail).toContain('X-Security-Token');
  });

  it('body-hash-mismatch gives the declared and the actual digest', async () => {
    const declared = 'a'.repeat(64);
    const headers = handSign('/p/', declared, { ...BASE_HEADERS, 'x-sdk-content-sha256': declared });
    const verdict = rejected(await verify({ headers, body: 'x' }));
    expect(verdict.reason).toBe('body-hash-mismatch');
    expect(verdict.detail).toContain(declared);
    expect(verdict.detail).toContain(sha256('x'));
    expect(verdict.detail).toContain('sha256');
  });

  it('signature-mismatch says so, with the hint when one explains it', async () => {
    const wrong = rejected(await verify({ headers: handSign('/p/', EMPTY_SHA256, BASE_HEADERS, 'another-secret') }));
    expect(wrong.detail).toBe('the signature does not match the canonical request the gateway computed');
    const hinted = rejected(await verify({ headers: handSign('/p', EMPTY_SHA256, BASE_HEADERS) }));
    expect(hinted.detail).toBe(`the signature does not match the canonical request the gateway computed; ${hinted.hint!.hint}`);
  });
});

describe('the empty-body UNSIGNED-PAYLOAD retry (§2, Python v3) is only for UNSIGNED-PAYLOAD', () => {
  it('does not accept the empty-body hash for another declared value the verifier does not check', async () => {
    const declared = 'b'.repeat(64);
    const headers = { ...handSign('/p/', EMPTY_SHA256, { ...BASE_HEADERS, 'x-sdk-content-sha256': declared }) };
    const verdict = rejected(await verify({ headers, body: '' }, { checkDeclaredPayloadHash: false }));
    expect(verdict.reason).toBe('signature-mismatch');
  });

  it('reports the canonical request with UNSIGNED-PAYLOAD when neither hash matches', async () => {
    const headers = handSign('/p/', 'UNSIGNED-PAYLOAD', { ...BASE_HEADERS, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, 'another-secret');
    const verdict = rejected(await verify({ headers, body: '' }));
    expect(verdict.computed?.canonicalRequest.split('\n').at(-1)).toBe('UNSIGNED-PAYLOAD');
  });
});

describe('diagnosis', () => {
  it('names a path signed as sent (escapes not normalised)', async () => {
    const headers = handSign('/v1/a%7eb/', EMPTY_SHA256, BASE_HEADERS);
    const verdict = rejected(await verify({ headers, target: '/v1/a%7eb' }));
    expect(verdict.hint?.id).toBe('path-as-sent');
    expect(verdict.detail).toContain('signed the path as sent');
  });

  it('names a body hash signed although UNSIGNED-PAYLOAD was sent, in words', async () => {
    const headers = handSign('/p/', sha256('{"a":1}'), { ...BASE_HEADERS, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' });
    const verdict = rejected(await verify({ headers, body: '{"a":1}' }));
    expect(verdict.hint?.id).toBe('payload-body-hash');
    expect(verdict.detail).toContain('although it sent "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD"');
  });

  it('does not read a streamed body a second time: the empty-body hash is named as such', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, { ...BASE_HEADERS, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' });
    const verdict = rejected(await verify({ headers, body: streamOf('{"a":', '1}') }));
    expect(verdict.hint?.id).toBe('payload-empty');
  });

  it('does not read a streamed body a second time when nothing was declared either', async () => {
    const headers = handSign('/p/', EMPTY_SHA256, BASE_HEADERS);
    const verdict = rejected(await verify({ headers, body: streamOf('{"a":', '1}') }));
    expect(verdict.hint?.id).toBe('payload-empty');
  });

  it('hashes an array of chunks again to name a body hash signed under UNSIGNED-PAYLOAD', async () => {
    const headers = handSign('/p/', sha256('{"a":1}'), { ...BASE_HEADERS, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' });
    const verdict = rejected(await verify({ headers, body: [Buffer.from('{"a":'), Buffer.from('1}')] }));
    expect(verdict.hint?.id).toBe('payload-body-hash');
  });
});

describe('SDK-HMAC-SM3 payload declarations (signing.md §3.2)', () => {
  const sm3 = (data: string) => createHash('sm3').update(data).digest('hex');
  /** A hand-made SDK-HMAC-SM3 client: every SHA-256 of §1 replaced by SM3. */
  function sm3Signed(payloadHash: string, headers: Record<string, string>): Record<string, string> {
    const names = Object.keys(headers).sort();
    const canonical = `POST\n/p/\n\n${names.map((n) => `${n}:${headers[n]}\n`).join('')}\n${names.join(';')}\n${payloadHash}`;
    const signature = createHmac('sm3', SK)
      .update(`SDK-HMAC-SM3\n${SDK_DATE}\n${sm3(canonical)}`)
      .digest('hex');
    return { ...headers, authorization: `SDK-HMAC-SM3 Access=${AK}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
  }

  it.each(['x-sdk-content-sm3', 'x-sdk-content-sha256'])('accepts UNSIGNED-PAYLOAD declared in %s', async (name) => {
    const headers = sm3Signed('UNSIGNED-PAYLOAD', { ...BASE_HEADERS, [name]: 'UNSIGNED-PAYLOAD' });
    expect(await verify({ headers, body: 'any body' })).toMatchObject({ accepted: true, algorithm: 'SDK-HMAC-SM3', unsignedPayload: true });
  });

  it('hashes the body with SM3 when nothing is declared, the empty body included', async () => {
    expect(await verify({ headers: sm3Signed(sm3('{"a":1}'), BASE_HEADERS), body: '{"a":1}' })).toMatchObject({ accepted: true });
    const empty = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';
    expect(await verify({ headers: sm3Signed(empty, BASE_HEADERS), body: '' })).toMatchObject({ accepted: true, bodyDigest: { digest: 'sm3', hex: empty } });
  });

  it('accepts an empty body declared UNSIGNED-PAYLOAD but signed with the SM3 empty-body hash (the Python v3 quirk, §2)', async () => {
    const headers = sm3Signed('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b', { ...BASE_HEADERS, 'x-sdk-content-sm3': 'UNSIGNED-PAYLOAD' });
    expect(await verify({ headers, body: '' })).toMatchObject({ accepted: true });
  });
});

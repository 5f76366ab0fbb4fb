import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignOptions, type SigningCredentials, signRequest } from '../../src/protocol/signer.ts';
import { type ReceivedRequest, type SecretRecord, type Verdict, type VerifyOptions, verifyRequest } from '../../src/protocol/verifier.ts';

// signing.md §4.1 (check order, 15-minute rule with 15:00 passing), §4.3 (recommended verifier),
// §2 "Consequences" (Python v3 empty body + UNSIGNED-PAYLOAD), §1.7 (vectors), §3.1 (V11 scope).

const AK = 'AKTESTKEY0000001';
const SK = 'sk-Zq8vP1mW9xR4tY7uI0oS3dF6gH2jK5lQ';
const HOST = 'example.com';
const DATE = Date.UTC(2026, 10, 23, 10, 15, 0); // 20261123T101500Z
const SDK_DATE = '20261123T101500Z';
const MIN = 60_000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

interface HandRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function handRequest(overrides: Partial<HandRequest> = {}): HandRequest {
  return {
    method: 'POST',
    target: '/v1/infers/abc?b=2&a=1',
    headers: { Host: HOST, 'Content-Type': 'application/json', 'X-Custom': 'hello' },
    body: '{"data":[1,2,3]}',
    ...overrides,
  };
}

function sign(request: HandRequest, options: SignOptions = {}, credentials: SigningCredentials = { accessKey: AK, secretKey: SK }): HandRequest {
  const body = request.body;
  const result = signRequest({ method: request.method, url: `https://${HOST}${request.target}`, headers: request.headers, body }, credentials, {
    date: DATE,
    ...options,
  });
  return { ...request, headers: { ...request.headers, ...result.headers } };
}

function lookupWith(record: SecretRecord = { secretKey: SK }): VerifyOptions['lookup'] {
  return (accessKey) => (accessKey === AK ? record : undefined);
}

/** Every verdict goes through here, so every test also checks that the secret is never echoed. */
async function verify(request: HandRequest | ReceivedRequest, options: Partial<VerifyOptions> = {}): Promise<Verdict> {
  const verdict = await verifyRequest(request as ReceivedRequest, { lookup: lookupWith(), now: DATE, ...options });
  const text = JSON.stringify(verdict);
  expect(text).not.toContain(SK);
  return verdict;
}

function withHeaders(request: HandRequest, change: (headers: Record<string, string>) => void): HandRequest {
  const headers = { ...request.headers };
  change(headers);
  return { ...request, headers };
}

async function expectRejected(verdictPromise: Promise<Verdict>, reason: string): Promise<Verdict & { accepted: false }> {
  const verdict = await verdictPromise;
  expect(verdict.accepted).toBe(false);
  expect(verdict.accepted ? undefined : verdict.reason).toBe(reason);
  return verdict as Verdict & { accepted: false };
}

describe('verifyRequest accepts', () => {
  it('the official doc vector (§1.7 #1)', async () => {
    const verdict = await verifyRequest(
      {
        method: 'GET',
        target: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        headers: {
          'Content-Type': 'application/json',
          Host: 'service.region.example.com',
          'X-Sdk-Date': '20191115T033655Z',
          Authorization:
            'SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
        },
        body: '',
      },
      {
        lookup: (ak) => (ak === 'AK' ? { secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' } : undefined),
        now: Date.UTC(2019, 10, 15, 3, 36, 55),
      },
    );
    expect(verdict.accepted).toBe(true);
    if (verdict.accepted) {
      expect(verdict.computed.canonicalRequestDigest).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    }
  });

  const GO_GET = ['GET', '/path?limit=1', ''] as const;
  const GO_POST = ['POST', '/path?key=value', '{"Name":"test","Id":1}\n'] as const;
  const GO_V11 = 'Credential=AccessKey/20060102/test-region-1/demo';
  it.each([
    ['SDK-HMAC-SHA256', 'Access=AccessKey', ...GO_GET, '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'],
    ['SDK-HMAC-SHA256', 'Access=AccessKey', ...GO_POST, 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59'],
    ['V11-HMAC-SHA256', GO_V11, ...GO_GET, '8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc'],
    ['V11-HMAC-SHA256', GO_V11, ...GO_POST, '4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903'],
    ['SDK-HMAC-SM3', 'Access=AccessKey', ...GO_GET, 'acdeecf8061419275127135b54532c2c20b683bf9bbb8a32bee021a8c40befd4'],
    ['SDK-HMAC-SM3', 'Access=AccessKey', ...GO_POST, '359e49285fe5a469f82b86fd761b1a4a7ee16e3181de7d643c53a30667cde508'],
  ])('the Go v3 vector %s %s %s %s, host not signed (§1.7 #2)', async (algorithm, credential, method, target, body, signature) => {
    const verdict = await verifyRequest(
      {
        method,
        target,
        headers: {
          Host: 'example.huaweicloud.com',
          'Content-Type': 'application/json',
          'X-Sdk-Date': '20060102T150405Z',
          Authorization: `${algorithm} ${credential}, SignedHeaders=x-sdk-date, Signature=${signature}`,
        },
        body,
      },
      {
        lookup: (ak) => (ak === 'AccessKey' ? { secretKey: 'SecretKey' } : undefined),
        now: Date.UTC(2006, 0, 2, 15, 4, 5),
      },
    );
    expect(verdict).toMatchObject({ accepted: true, algorithm, accessKey: 'AccessKey' });
  });

  it('a request signed by signRequest, reporting who signed and what', async () => {
    const verdict = await verify(sign(handRequest()));
    expect(verdict).toMatchObject({
      accepted: true,
      algorithm: 'SDK-HMAC-SHA256',
      accessKey: AK,
      signedHeaders: ['content-type', 'host', 'x-custom', 'x-sdk-date'],
      unsignedPayload: false,
    });
  });

  it('a change to a header that is not signed', async () => {
    const signed = sign(handRequest(), { signedHeaders: ['host'] });
    const verdict = await verify(withHeaders(signed, (h) => (h['X-Custom'] = 'changed')));
    expect(verdict.accepted).toBe(true);
  });

  it('a V11-HMAC-SHA256 request whose scope date is the X-Sdk-Date day', async () => {
    const signed = sign(handRequest(), { algorithm: 'V11-HMAC-SHA256', region: 'cn-north-4', service: 'apig' });
    expect(signed.headers['Authorization']).toContain('Credential=AKTESTKEY0000001/20261123/cn-north-4/apig, ');
    expect((await verify(signed)).accepted).toBe(true);
  });
});

describe('verifyRequest rejects with', () => {
  it('authorization-missing when there is no Authorization header', async () => {
    const signed = sign(handRequest());
    await expectRejected(verify(withHeaders(signed, (h) => delete h['Authorization'])), 'authorization-missing');
  });

  it.each([
    ['SDK-HMAC-SHA256', 'no-fields'],
    ['Bearer abc', 'unknown-algorithm'],
    [`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;x-sdk-date, Signature=XYZ`, 'malformed-signature'],
  ])('authorization-malformed for %j, naming the problem %s', async (authorization, problem) => {
    const signed = sign(handRequest());
    const verdict = await expectRejected(verify(withHeaders(signed, (h) => (h['Authorization'] = authorization))), 'authorization-malformed');
    expect(verdict.malformed).toBe(problem);
  });

  it('unknown-key when the lookup does not know the access key', async () => {
    const signed = sign(handRequest(), {}, { accessKey: 'NOSUCHKEY', secretKey: SK });
    const verdict = await expectRejected(verify(signed), 'unknown-key');
    expect(verdict.accessKey).toBe('NOSUCHKEY');
  });

  it('unknown-key from an async lookup', async () => {
    const signed = sign(handRequest());
    await expectRejected(verify(signed, { lookup: async () => undefined }), 'unknown-key');
  });

  it('date-missing when X-Sdk-Date is absent', async () => {
    const signed = sign(handRequest());
    await expectRejected(verify(withHeaders(signed, (h) => delete h['X-Sdk-Date'])), 'date-missing');
  });

  it.each([
    ['2026-11-23T10:15:00Z', 'ISO 8601 with separators'],
    ['20261123T101500', 'no Z'],
    ['20261123T101500.000Z', 'fractional seconds'],
    ['20261131T101500Z', '31 November'],
    ['20261123T246000Z', 'hour 24'],
  ])('date-malformed for X-Sdk-Date %j (%s)', async (value) => {
    const signed = sign(handRequest());
    await expectRejected(verify(withHeaders(signed, (h) => (h['X-Sdk-Date'] = value))), 'date-malformed');
  });

  it('date-not-signed when SignedHeaders lacks x-sdk-date although the header is sent', async () => {
    const signed = sign(handRequest(), { signedHeaders: ['host'] });
    expect(signed.headers['Authorization']).toContain('SignedHeaders=host;x-sdk-date, ');
    const crafted = withHeaders(signed, (h) => {
      h['Authorization'] = h['Authorization']!.replace('SignedHeaders=host;x-sdk-date,', 'SignedHeaders=host,');
    });
    expect(crafted.headers['X-Sdk-Date']).toBe(SDK_DATE);
    await expectRejected(verify(crafted), 'date-not-signed');
  });

  it('date-expired when the request was signed 16 minutes before the server time', async () => {
    const verdict = await expectRejected(verify(sign(handRequest()), { now: DATE + 16 * MIN }), 'date-expired');
    expect(verdict.skew).toEqual({ direction: 'past', seconds: 960, signedAt: SDK_DATE, serverTime: '20261123T103100Z' });
  });

  it('date-expired when the request is dated 16 minutes after the server time', async () => {
    const verdict = await expectRejected(verify(sign(handRequest()), { now: DATE - 16 * MIN }), 'date-expired');
    expect(verdict.skew).toEqual({ direction: 'future', seconds: 960, signedAt: SDK_DATE, serverTime: '20261123T095900Z' });
  });

  it.each([
    ['late', 1],
    ['early', -1],
  ])('date-expired one second beyond 15 minutes (%s)', async (_label, sign_) => {
    await expectRejected(verify(sign(handRequest()), { now: DATE + sign_ * (15 * MIN + 1000) }), 'date-expired');
  });

  it.each([
    ['late', 1],
    ['early', -1],
  ])('no date-expired at exactly 15:00 of skew (%s, §4.1 item 7)', async (_label, sign_) => {
    expect((await verify(sign(handRequest()), { now: DATE + sign_ * 15 * MIN })).accepted).toBe(true);
  });

  it('date-expired against a configured smaller window', async () => {
    await expectRejected(verify(sign(handRequest()), { now: DATE + 2 * MIN, maxClockSkewMs: MIN }), 'date-expired');
  });

  it('scope-mismatch when the V11 credential scope date is not the X-Sdk-Date day', async () => {
    const signed = sign(handRequest(), { algorithm: 'V11-HMAC-SHA256', region: 'cn-north-4', service: 'apig' });
    const crafted = withHeaders(signed, (h) => {
      h['Authorization'] = h['Authorization']!.replace('/20261123/', '/20261122/');
    });
    expect(crafted.headers['Authorization']).toContain(`Credential=${AK}/20261122/cn-north-4/apig`);
    await expectRejected(verify(crafted), 'scope-mismatch');
  });

  it('signed-header-missing when a signed header is not in the request, naming it', async () => {
    const signed = sign(handRequest());
    const verdict = await expectRejected(verify(withHeaders(signed, (h) => delete h['X-Custom'])), 'signed-header-missing');
    expect(verdict.header).toBe('x-custom');
  });

  it('security-token-missing when temporary credentials come without X-Security-Token', async () => {
    const signed = sign(handRequest());
    await expectRejected(verify(signed, { lookup: lookupWith({ secretKey: SK, securityToken: 'token-1' }) }), 'security-token-missing');
  });

  it('security-token-mismatch when X-Security-Token is another token', async () => {
    const signed = sign(handRequest(), {}, { accessKey: AK, secretKey: SK, securityToken: 'token-2' });
    await expectRejected(verify(signed, { lookup: lookupWith({ secretKey: SK, securityToken: 'token-1' }) }), 'security-token-mismatch');
  });

  it('no token rejection when X-Security-Token is the right one (and signed)', async () => {
    const signed = sign(handRequest(), {}, { accessKey: AK, secretKey: SK, securityToken: 'token-1' });
    const verdict = await verify(signed, { lookup: lookupWith({ secretKey: SK, securityToken: 'token-1' }) });
    expect(verdict).toMatchObject({ accepted: true });
    expect(verdict.accepted && verdict.signedHeaders).toContain('x-security-token');
  });

  it('body-hash-mismatch when X-Sdk-Content-Sha256 is a wrong hex digest', async () => {
    const request = handRequest({ body: 'actual body' });
    request.headers['X-Sdk-Content-Sha256'] = sha256('another body');
    await expectRejected(verify(sign(request)), 'body-hash-mismatch');
  });

  it('no body-hash-mismatch when X-Sdk-Content-Sha256 is the body digest', async () => {
    const request = handRequest({ body: 'actual body' });
    request.headers['X-Sdk-Content-Sha256'] = sha256('actual body');
    expect((await verify(sign(request))).accepted).toBe(true);
  });

  it('no body-hash-mismatch for a wrong declared digest when checkDeclaredPayloadHash is off', async () => {
    const request = handRequest({ body: 'actual body' });
    request.headers['X-Sdk-Content-Sha256'] = sha256('another body');
    expect((await verify(sign(request), { checkDeclaredPayloadHash: false })).accepted).toBe(true);
  });

  describe('signature-mismatch', () => {
    it('when signed with the wrong secret, without echoing the expected signature', async () => {
      const good = sign(handRequest());
      const expectedSignature = /Signature=([0-9a-f]{64})/.exec(good.headers['Authorization']!)![1]!;
      const bad = sign(handRequest(), {}, { accessKey: AK, secretKey: 'not-the-secret' });
      const verdict = await expectRejected(verify(bad), 'signature-mismatch');
      expect(JSON.stringify(verdict)).not.toContain(expectedSignature);
      expect(verdict.computed?.canonicalRequest).toContain('\nx-custom:hello\n');
    });

    it.each<[string, (r: HandRequest) => HandRequest]>([
      ['the method', (r) => ({ ...r, method: 'PUT' })],
      ['the path', (r) => ({ ...r, target: '/v1/infers/abd?b=2&a=1' })],
      ['a query value', (r) => ({ ...r, target: '/v1/infers/abc?b=3&a=1' })],
      ['an added query parameter', (r) => ({ ...r, target: '/v1/infers/abc?b=2&a=1&c=0' })],
      ['a signed header value', (r) => withHeaders(r, (h) => (h['X-Custom'] = 'hellO'))],
      ['the host', (r) => withHeaders(r, (h) => (h['Host'] = 'example.org'))],
      ['the X-Sdk-Date (still within 15 minutes)', (r) => withHeaders(r, (h) => (h['X-Sdk-Date'] = '20261123T101501Z'))],
      ['the body', (r) => ({ ...r, body: '{"data":[1,2,4]}' })],
      ['the body, to empty', (r) => ({ ...r, body: '' })],
      ['the signature itself', (r) => withHeaders(r, (h) => (h['Authorization'] = h['Authorization']!.replace(/.$/, (c) => (c === '0' ? '1' : '0'))))],
    ])('when %s is tampered with', async (_label, tamper) => {
      await expectRejected(verify(tamper(sign(handRequest()))), 'signature-mismatch');
    });

    it('when the V11 region differs from the one signed', async () => {
      const signed = sign(handRequest(), { algorithm: 'V11-HMAC-SHA256', region: 'cn-north-4', service: 'apig' });
      const crafted = withHeaders(signed, (h) => {
        h['Authorization'] = h['Authorization']!.replace('/cn-north-4/', '/cn-south-1/');
      });
      await expectRejected(verify(crafted), 'signature-mismatch');
    });
  });
});

describe('payload handling', () => {
  it.each<[string, string | Uint8Array | undefined]>([
    ['another string', 'completely different'],
    ['binary bytes', new Uint8Array([0, 255, 1, 254])],
    ['an empty body', ''],
    ['no body at all', undefined],
  ])('accepts UNSIGNED-PAYLOAD with %s', async (_label, body) => {
    const signed = sign(handRequest({ body: 'original' }), { unsignedPayload: true });
    expect(signed.headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
    const verdict = await verify({ ...signed, body });
    expect(verdict).toMatchObject({ accepted: true, unsignedPayload: true });
  });

  it('accepts a body streamed as an async iterable of chunks', async () => {
    const signed = sign(handRequest({ body: 'chunk-one|chunk-two|chunk-three' }));
    async function* chunks() {
      for (const part of ['chunk-one|', 'chunk-two|', 'chunk-three']) yield Buffer.from(part);
    }
    expect((await verify({ ...signed, body: chunks() })).accepted).toBe(true);
  });

  it('accepts a body given as a sync iterable of chunks', async () => {
    const signed = sign(handRequest({ body: 'abcdef' }));
    expect((await verify({ ...signed, body: [Buffer.from('abc'), Buffer.from('def')] })).accepted).toBe(true);
  });

  it('rejects a streamed body whose bytes differ from the signed ones', async () => {
    const signed = sign(handRequest({ body: 'chunk-one|chunk-two' }));
    async function* chunks() {
      yield Buffer.from('chunk-one|');
      yield Buffer.from('chunk-TWO');
    }
    await expectRejected(verify({ ...signed, body: chunks() }), 'signature-mismatch');
  });

  describe('empty body + UNSIGNED-PAYLOAD signed with the empty-body hash (Python v3 quirk, §2)', () => {
    // Built by hand: the header says UNSIGNED-PAYLOAD, the signature covers the empty SHA-256.
    const contentType = 'application/octet-stream';
    const canonical = [
      'POST',
      '/v1/upload/',
      '',
      `content-type:${contentType}\nhost:${HOST}\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:${SDK_DATE}\n`,
      'content-type;host;x-sdk-content-sha256;x-sdk-date',
      EMPTY_SHA256,
    ].join('\n');
    const stringToSign = `SDK-HMAC-SHA256\n${SDK_DATE}\n${sha256(canonical)}`;
    const signature = createHmac('sha256', SK).update(stringToSign).digest('hex');
    const pythonRequest = (body: string | undefined): HandRequest => ({
      method: 'POST',
      target: '/v1/upload',
      headers: {
        Host: HOST,
        'Content-Type': contentType,
        'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD',
        'X-Sdk-Date': SDK_DATE,
        Authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date, Signature=${signature}`,
      },
      body,
    });

    it('is accepted by default (emptyUnsignedPayload: either)', async () => {
      expect(await verify(pythonRequest(''))).toMatchObject({ accepted: true, unsignedPayload: true });
    });

    it('is accepted with no body at all', async () => {
      expect((await verify(pythonRequest(undefined))).accepted).toBe(true);
    });

    it('is accepted with emptyUnsignedPayload: either given explicitly', async () => {
      expect((await verify(pythonRequest(''), { emptyUnsignedPayload: 'either' })).accepted).toBe(true);
    });

    it('is rejected with emptyUnsignedPayload: literal', async () => {
      await expectRejected(verify(pythonRequest(''), { emptyUnsignedPayload: 'literal' }), 'signature-mismatch');
    });

    it('is rejected when the body is not actually empty', async () => {
      await expectRejected(verify(pythonRequest('x')), 'signature-mismatch');
    });
  });
});

describe('secrets in verdicts', () => {
  it('no verdict, accepted or rejected, contains the secret key or the V11 derived key', async () => {
    const derivedKey = Buffer.from(hkdfSync('sha256', SK, AK, '20261123/cn-north-4/apig', 32)).toString('hex');
    const v11 = sign(handRequest(), { algorithm: 'V11-HMAC-SHA256', region: 'cn-north-4', service: 'apig' });
    const verdicts = await Promise.all([
      verify(sign(handRequest())),
      verify(v11),
      verify({ ...v11, body: 'tampered' }),
      verify(sign(handRequest(), {}, { accessKey: AK, secretKey: 'wrong' })),
      verify(sign(handRequest()), { now: DATE + 60 * MIN }),
      verify(sign(handRequest()), { lookup: lookupWith({ secretKey: SK, securityToken: 't' }) }),
      verify(withHeaders(sign(handRequest()), (h) => (h['Authorization'] = `SDK-HMAC-SHA256 Access=${SK}`))),
    ]);
    expect(verdicts.map((v) => v.accepted)).toEqual([true, true, false, false, false, false, false]);
    for (const verdict of verdicts) {
      const text = JSON.stringify(verdict);
      expect(text).not.toContain(SK);
      expect(text).not.toContain(derivedKey);
    }
  });
});

/**
 * signRequest on its own: which headers it signs and adds, where the host, the date and the payload
 * line come from, and every way it refuses to sign. Expected values come from the spec (signing.md
 * §1.2–§1.7, §3), its published vectors, and the official Node SDK signer (test/support/official-sdk.ts);
 * the vectors and round trips alone cannot see a mistake made on both the signing and verifying side.
 */
import { describe, expect, it } from 'vitest';
import { type SignableRequest, type SignOptions, SigningError, signRequest } from '../../src/protocol/signer.ts';
import { verifyRequest } from '../../src/protocol/verifier.ts';
import { officialSign } from '../support/official-sdk.ts';

// signing.md §1.7 item 1: the documentation's worked example.
const DOC = {
  ak: 'QTWAOYTTINDUT2QVKYUC',
  sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  host: 'service.region.example.com',
  sdkDate: '20191115T033655Z',
  canonicalRequest: [
    'GET',
    '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
    'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
    'content-type:application/json',
    'host:service.region.example.com',
    'x-sdk-date:20191115T033655Z',
    '',
    'content-type;host;x-sdk-date',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n'),
  canonicalRequestDigest: 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
  signature: '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
};
const DOC_AUTHORIZATION = `SDK-HMAC-SHA256 Access=${DOC.ak}, SignedHeaders=content-type;host;x-sdk-date, Signature=${DOC.signature}`;
const DOC_CREDENTIALS = { accessKey: DOC.ak, secretKey: DOC.sk };
const DOC_EPOCH = Date.UTC(2019, 10, 15, 3, 36, 55);

// signing.md §1.7 item 2: the Go v3 SDK's unit-test vectors (host not signed, SignedHeaders=x-sdk-date).
const GO = { ak: 'AccessKey', sk: 'SecretKey', url: 'http://example.huaweicloud.com/path?limit=1', sdkDate: '20060102T150405Z' };
const GO_BODY = '{"Name":"test","Id":1}\n';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
// signing.md §3.2.
const EMPTY_SM3 = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

const lines = (text: string) => text.split('\n');

function signDoc(request: Partial<SignableRequest> = {}, options: SignOptions = {}) {
  return signRequest(
    { method: 'GET', url: DOC.url, headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': DOC.sdkDate }, ...request },
    DOC_CREDENTIALS,
    options,
  );
}

describe('signRequest reproduces the documentation example', () => {
  it('from an absolute URL without a Host header: the host comes from the URL and is signed', () => {
    const { headers, steps } = signDoc();
    expect(steps.canonicalRequest.text).toBe(DOC.canonicalRequest);
    expect(steps.canonicalRequestDigest).toBe(DOC.canonicalRequestDigest);
    expect(steps.stringToSign).toBe(`SDK-HMAC-SHA256\n${DOC.sdkDate}\n${DOC.canonicalRequestDigest}`);
    expect(steps.signature).toBe(DOC.signature);
    expect(steps.authorization).toBe(DOC_AUTHORIZATION);
    expect(steps).toMatchObject({ algorithm: 'SDK-HMAC-SHA256', sdkDate: DOC.sdkDate, scope: undefined });
    // The caller sends the Host of its URL itself: only what it lacks is handed back (§1.2: a preset date is kept).
    expect(headers).toEqual({ Authorization: DOC_AUTHORIZATION });
  });

  it('from a URL object', () => {
    expect(signDoc({ url: new URL(DOC.url) }).steps.authorization).toBe(DOC_AUTHORIZATION);
  });

  it('from an origin-form target with a Host header', () => {
    const { steps } = signDoc({ url: DOC.path, headers: { 'Content-Type': 'application/json', Host: DOC.host, 'X-Sdk-Date': DOC.sdkDate } });
    expect(steps.authorization).toBe(DOC_AUTHORIZATION);
  });

  it('with the date given as an option: X-Sdk-Date is added to the headers to send', () => {
    const { headers, steps } = signDoc({ headers: { 'Content-Type': 'application/json' } }, { date: DOC_EPOCH });
    expect(steps.authorization).toBe(DOC_AUTHORIZATION);
    expect(headers).toEqual({ 'X-Sdk-Date': DOC.sdkDate, Authorization: DOC_AUTHORIZATION });
  });

  it('with the date given as a Date', () => {
    const { headers } = signDoc({ headers: { 'Content-Type': 'application/json' } }, { date: new Date(DOC_EPOCH + 999) });
    expect(headers['X-Sdk-Date']).toBe(DOC.sdkDate);
  });

  it('keeps a preset X-Sdk-Date over options.date (§1.2: SDKs keep a date the caller set)', () => {
    const { headers, steps } = signDoc({}, { date: DOC_EPOCH + 3_600_000 });
    expect(steps.sdkDate).toBe(DOC.sdkDate);
    expect(headers).toEqual({ Authorization: DOC_AUTHORIZATION });
  });

  it('upper-cases a lower-case method (§1.3: the method in upper case)', () => {
    expect(signDoc({ method: 'get' }).steps.authorization).toBe(DOC_AUTHORIZATION);
  });

  it('signs an explicit signedHeaders list given unsorted and in mixed case, sorted (§1.3)', () => {
    const { steps } = signDoc({}, { signedHeaders: ['X-Sdk-Date', 'host', 'Content-Type'] });
    expect(steps.canonicalRequest.text).toBe(DOC.canonicalRequest);
    expect(steps.authorization).toBe(DOC_AUTHORIZATION);
  });

  it('adds x-sdk-date to an explicit list that lacks it, and lists a repeated name once (§1.2: it must be signed)', () => {
    const { steps } = signDoc({}, { signedHeaders: ['host', 'content-type', 'HOST'] });
    expect(steps.authorization).toBe(DOC_AUTHORIZATION);
  });

  it('re-signs a request that still carries an Authorization header, never signing it (§1.6)', () => {
    const stale = 'SDK-HMAC-SHA256 Access=OLDKEY, SignedHeaders=host;x-sdk-date, Signature=' + '0'.repeat(64);
    const { headers, steps } = signDoc({ headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': DOC.sdkDate, Authorization: stale } });
    expect(steps.canonicalRequest.text).toBe(DOC.canonicalRequest);
    expect(headers['Authorization']).toBe(DOC_AUTHORIZATION);
  });
});

describe('signRequest: which headers it signs by default', () => {
  it('every header given, plus host and x-sdk-date, in character-code order (§1.3)', () => {
    const { steps } = signRequest(
      {
        method: 'POST',
        url: 'https://h.example.com/p',
        headers: { 'X-Project-Id': 'p1', 'content-type': 'application/json', 'X-B': 'b', 'x-a': 'a' },
        body: '{}',
      },
      DOC_CREDENTIALS,
      { date: DOC_EPOCH },
    );
    expect(steps.canonicalRequest.signedHeaders).toBe('content-type;host;x-a;x-b;x-project-id;x-sdk-date');
    expect(lines(steps.canonicalRequest.headers)).toEqual([
      'content-type:application/json',
      'host:h.example.com',
      'x-a:a',
      'x-b:b',
      'x-project-id:p1',
      `x-sdk-date:${DOC.sdkDate}`,
      '',
    ]);
  });

  it('leaves names with "_" unsigned (§2: the Python, Go and Java SDKs do; front ends drop them)', () => {
    const { steps } = signRequest(
      { method: 'GET', url: GO.url, headers: { 'X-Sdk-Date': GO.sdkDate, TEST_UNDERSCORE: 'ignored' } },
      { accessKey: GO.ak, secretKey: GO.sk },
    );
    expect(steps.canonicalRequest.signedHeaders).toBe('host;x-sdk-date');
  });

  it('signs what the official Node SDK signs for an ordinary JSON request, header for header', () => {
    const body = { data: { req_data: [{ sepal_length: 5.1 }] } };
    const sdk = officialSign(
      'SDK-HMAC-SHA256',
      {
        endpoint: 'https://h.example.com/v1/infers/abc',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Sdk-Date': DOC.sdkDate, 'X-Project-Id': 'p1' },
        queryParams: { b: '2', a: '1' },
        data: body,
      },
      { ak: DOC.ak, sk: DOC.sk },
    );
    const ours = signRequest(
      {
        method: 'POST',
        url: 'https://h.example.com/v1/infers/abc?b=2&a=1',
        headers: { 'content-type': 'application/json', 'X-Sdk-Date': DOC.sdkDate, 'X-Project-Id': 'p1' },
        body: JSON.stringify(body),
      },
      DOC_CREDENTIALS,
    );
    expect(ours.headers['Authorization']).toBe(sdk['Authorization']);
  });

  it('sorts a hundred headers given in scrambled order as the official SDK does', () => {
    const names = Array.from({ length: 100 }, (_, i) => `x-h${String.fromCharCode(97 + ((i * 7) % 26))}${String.fromCharCode(97 + ((i * 11) % 26))}${i % 10}`);
    const scrambled = [...names].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
    const headers = Object.fromEntries(scrambled.map((name, i) => [name, `v${i}`]));
    const sdk = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint: 'https://h.example.com/x', method: 'GET', headers: { ...headers, 'X-Sdk-Date': DOC.sdkDate }, queryParams: {} },
      { ak: DOC.ak, sk: DOC.sk },
    );
    const ours = signRequest({ method: 'GET', url: 'https://h.example.com/x', headers: { ...headers, 'X-Sdk-Date': DOC.sdkDate } }, DOC_CREDENTIALS);
    expect(ours.headers['Authorization']).toBe(sdk['Authorization']);
  });

  it('takes the host from the URL with its port (§1.3: host[:port] as sent)', () => {
    const { steps } = signRequest({ method: 'GET', url: 'http://127.0.0.1:8787/v1/x' }, DOC_CREDENTIALS, { date: DOC_EPOCH });
    expect(lines(steps.canonicalRequest.headers)).toContain('host:127.0.0.1:8787');
  });

  it('prefers an explicit Host header to the URL authority (§1.3)', () => {
    const { steps } = signRequest({ method: 'GET', url: 'http://127.0.0.1:8787/v1/x', headers: { Host: 'gw.example.com' } }, DOC_CREDENTIALS, {
      date: DOC_EPOCH,
    });
    expect(lines(steps.canonicalRequest.headers)).toContain('host:gw.example.com');
    expect(steps.canonicalRequest.headers).not.toContain('127.0.0.1');
  });

  it('signs the path and query of an absolute URL, not its fragment', () => {
    const { steps } = signRequest({ method: 'GET', url: 'https://h.example.com/a/b?x=1#frag' }, DOC_CREDENTIALS, { date: DOC_EPOCH });
    expect(steps.canonicalRequest.uri).toBe('/a/b/');
    expect(steps.canonicalRequest.query).toBe('x=1');
  });

  it('signs an origin-form target byte for byte as written', () => {
    const { steps } = signRequest({ method: 'GET', url: '/a%2fb/c?q=%7e', headers: { Host: 'h' } }, DOC_CREDENTIALS, { date: DOC_EPOCH });
    expect(steps.canonicalRequest.uri).toBe('/a/b/c/');
    expect(steps.canonicalRequest.query).toBe('q=~');
  });
});

describe('signRequest: the Go SDK vectors with only x-sdk-date signed (§1.7 item 2)', () => {
  const go = (method: string, url: string, algorithm: SignOptions['algorithm'], body?: string) =>
    signRequest(
      { method, url, headers: { 'X-Sdk-Date': GO.sdkDate, TEST_UNDERSCORE: 'ignored' }, body },
      { accessKey: GO.ak, secretKey: GO.sk },
      {
        algorithm,
        signedHeaders: ['x-sdk-date'],
        region: 'test-region-1',
        service: 'demo',
      },
    );

  it.each([
    ['SDK-HMAC-SHA256', 'GET', undefined, '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'],
    ['SDK-HMAC-SHA256', 'POST', GO_BODY, 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59'],
    ['V11-HMAC-SHA256', 'GET', undefined, '8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc'],
    ['V11-HMAC-SHA256', 'POST', GO_BODY, '4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903'],
    ['SDK-HMAC-SM3', 'GET', undefined, 'acdeecf8061419275127135b54532c2c20b683bf9bbb8a32bee021a8c40befd4'],
    ['SDK-HMAC-SM3', 'POST', GO_BODY, '359e49285fe5a469f82b86fd761b1a4a7ee16e3181de7d643c53a30667cde508'],
  ] as const)('%s %s', (algorithm, method, body, signature) => {
    const url = method === 'GET' ? GO.url : 'http://example.huaweicloud.com/path?key=value';
    const { steps } = go(method, url, algorithm, body);
    expect(steps.signature).toBe(signature);
  });

  it('SDK-HMAC-SM3 hashes an empty body with SM3 (§3.2)', () => {
    const { steps } = go('GET', GO.url, 'SDK-HMAC-SM3');
    expect(steps.canonicalRequest.payloadHash).toBe(EMPTY_SM3);
    expect(steps.stringToSign.split('\n')[0]).toBe('SDK-HMAC-SM3');
  });

  it('V11 puts the X-Sdk-Date day, region and service in the credential scope (§3.1)', () => {
    const { steps } = go('GET', GO.url, 'V11-HMAC-SHA256');
    expect(steps.scope).toEqual({ date: '20060102', region: 'test-region-1', service: 'demo' });
    expect(steps.authorization).toBe(
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc',
    );
  });
});

describe('signRequest: V11-HMAC-SHA256 against the official SDK', () => {
  it('defaults the service to "apic", as the APIG signer fixes it (§3.1)', () => {
    const sdk = officialSign(
      'V11-HMAC-SHA256',
      { endpoint: 'https://h.example.com/v1/x', method: 'GET', headers: { 'X-Sdk-Date': DOC.sdkDate }, queryParams: {} },
      { ak: DOC.ak, sk: DOC.sk, region: 'cn-north-4', service: 'apic' },
    );
    const ours = signRequest({ method: 'GET', url: 'https://h.example.com/v1/x', headers: { 'X-Sdk-Date': DOC.sdkDate } }, DOC_CREDENTIALS, {
      algorithm: 'V11-HMAC-SHA256',
      region: 'cn-north-4',
    });
    expect(ours.headers['Authorization']).toBe(sdk['Authorization']);
    expect(ours.headers['Authorization']).toContain(`Credential=${DOC.ak}/20191115/cn-north-4/apic,`);
  });
});

describe('signRequest: the payload line (§1.3, §3.2)', () => {
  const post = (options: SignOptions, headers: Record<string, string> = {}, body: string | Uint8Array | null = '{"a":1}') =>
    signRequest({ method: 'POST', url: 'https://h.example.com/up', headers: { 'X-Sdk-Date': DOC.sdkDate, ...headers }, body }, DOC_CREDENTIALS, options);

  it('is the SHA-256 of an empty or absent body', () => {
    expect(post({}, {}, null).steps.canonicalRequest.payloadHash).toBe(EMPTY_SHA256);
    expect(post({}, {}, new Uint8Array()).steps.canonicalRequest.payloadHash).toBe(EMPTY_SHA256);
  });

  it('is the SHA-256 of the body bytes', () => {
    // sha256('{"a":1}'), as `printf '{"a":1}' | sha256sum` gives it.
    expect(post({}).steps.canonicalRequest.payloadHash).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('is options.payloadHash when a body was hashed elsewhere', () => {
    const hash = 'a'.repeat(64);
    expect(post({ payloadHash: hash }, {}, null).steps.canonicalRequest.payloadHash).toBe(hash);
  });

  it('is UNSIGNED-PAYLOAD with unsignedPayload, announced and signed in X-Sdk-Content-Sha256', () => {
    const { headers, steps } = post({ unsignedPayload: true });
    expect(steps.canonicalRequest.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(headers['X-Sdk-Content-Sm3']).toBeUndefined();
    expect(steps.canonicalRequest.signedHeaders).toBe('host;x-sdk-content-sha256;x-sdk-date');
    expect(lines(steps.canonicalRequest.headers)).toContain('x-sdk-content-sha256:UNSIGNED-PAYLOAD');
  });

  it('is UNSIGNED-PAYLOAD for SM3, announced in X-Sdk-Content-Sm3 as the v3 SDKs do (§3.2)', () => {
    const { headers, steps } = post({ unsignedPayload: true, algorithm: 'SDK-HMAC-SM3' });
    expect(steps.canonicalRequest.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(headers['X-Sdk-Content-Sm3']).toBe('UNSIGNED-PAYLOAD');
    expect(headers['X-Sdk-Content-Sha256']).toBeUndefined();
    expect(steps.canonicalRequest.signedHeaders).toBe('host;x-sdk-content-sm3;x-sdk-date');
  });

  it('is the value of an X-Sdk-Content-Sha256 the caller set, verbatim, and nothing is added', () => {
    const { headers, steps } = post({ unsignedPayload: true }, { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' });
    expect(steps.canonicalRequest.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(Object.keys(headers)).toEqual(['Authorization']);
  });

  it('for SM3, honours X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD, as the APIG Go and Java signers send it (§3.2)', () => {
    const { headers, steps } = post({ algorithm: 'SDK-HMAC-SM3' }, { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' });
    expect(steps.canonicalRequest.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(Object.keys(headers)).toEqual(['Authorization']);
  });

  it('for SM3, honours a caller-set X-Sdk-Content-Sm3', () => {
    const { steps } = post({ algorithm: 'SDK-HMAC-SM3' }, { 'X-Sdk-Content-Sm3': 'UNSIGNED-PAYLOAD' });
    expect(steps.canonicalRequest.payloadHash).toBe('UNSIGNED-PAYLOAD');
  });

  it('a SHA-256 header does not stand for the payload of SDK-HMAC-SHA256 when it is spelled for SM3', () => {
    const { steps } = post({}, { 'X-Sdk-Content-Sm3': 'UNSIGNED-PAYLOAD' }, '');
    expect(steps.canonicalRequest.payloadHash).toBe(EMPTY_SHA256);
  });

  it('round-trips through the verifier for each way of leaving the body out', async () => {
    for (const options of [{ unsignedPayload: true }, { unsignedPayload: true, algorithm: 'SDK-HMAC-SM3' as const }]) {
      const { headers } = post(options);
      const verdict = await verifyRequest(
        { method: 'POST', target: '/up', headers: { Host: 'h.example.com', 'X-Sdk-Date': DOC.sdkDate, ...headers }, body: 'something else' },
        { lookup: () => ({ secretKey: DOC.sk }), now: DOC_EPOCH },
      );
      expect(verdict).toMatchObject({ accepted: true, unsignedPayload: true });
    }
  });
});

describe('signRequest: temporary credentials (§3.3)', () => {
  it('adds X-Security-Token before signing, so it is signed', () => {
    const { headers, steps } = signRequest(
      { method: 'GET', url: 'https://h.example.com/x' },
      { ...DOC_CREDENTIALS, securityToken: 'tok-123' },
      {
        date: DOC_EPOCH,
      },
    );
    expect(headers['X-Security-Token']).toBe('tok-123');
    expect(steps.canonicalRequest.signedHeaders).toBe('host;x-sdk-date;x-security-token');
    expect(lines(steps.canonicalRequest.headers)).toContain('x-security-token:tok-123');
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Sdk-Date', 'X-Security-Token']);
  });

  it('adds no X-Security-Token for an empty token', () => {
    const { headers } = signRequest({ method: 'GET', url: 'https://h.example.com/x' }, { ...DOC_CREDENTIALS, securityToken: '' }, { date: DOC_EPOCH });
    expect(headers['X-Security-Token']).toBeUndefined();
  });

  it('matches the official SDK given the same token', () => {
    const sdk = officialSign(
      'SDK-HMAC-SHA256',
      { endpoint: 'https://h.example.com/x', method: 'GET', headers: { 'X-Sdk-Date': DOC.sdkDate, 'X-Security-Token': 'tok-123' }, queryParams: {} },
      { ak: DOC.ak, sk: DOC.sk },
    );
    const ours = signRequest(
      { method: 'GET', url: 'https://h.example.com/x', headers: { 'X-Sdk-Date': DOC.sdkDate } },
      { ...DOC_CREDENTIALS, securityToken: 'tok-123' },
    );
    expect(ours.headers['Authorization']).toBe(sdk['Authorization']);
  });
});

describe('signRequest refuses to sign', () => {
  const refuses = (request: Partial<SignableRequest>, options: SignOptions, message: RegExp, credentials = DOC_CREDENTIALS) => {
    const call = () => signRequest({ method: 'GET', url: 'https://h.example.com/x', ...request }, credentials, options);
    expect(call).toThrow(SigningError);
    expect(call).toThrow(message);
  };

  it('a header named in signedHeaders that the request does not carry, naming it', () => {
    refuses({}, { date: DOC_EPOCH, signedHeaders: ['host', 'content-type'] }, /header "content-type" is to be signed but the request does not carry it/);
  });

  it.each(['2019-11-15T03:36:55Z', '20191115T033655', '20191315T033655Z', ''])('a preset X-Sdk-Date that is not YYYYMMDDTHHMMSSZ: %j', (preset) => {
    refuses({ headers: { 'X-Sdk-Date': preset } }, { date: DOC_EPOCH }, /is not YYYYMMDDTHHMMSSZ/);
  });

  it('without a date, or with an invalid one', () => {
    refuses({}, {}, /a signing date is required/);
    refuses({}, { date: Number.NaN }, /a signing date is required/);
    refuses({}, { date: new Date('not a date') }, /a signing date is required/);
  });

  it('with an empty access key or secret key', () => {
    refuses({}, { date: DOC_EPOCH }, /access key and secret key are required/, { accessKey: '', secretKey: DOC.sk });
    refuses({}, { date: DOC_EPOCH }, /access key and secret key are required/, { accessKey: DOC.ak, secretKey: '' });
  });

  it('an origin-form target without a Host header', () => {
    refuses({ url: '/v1/x' }, { date: DOC_EPOCH }, /"\/v1\/x" is a path: give a Host header, or an absolute URL/);
  });

  it('a URL that is neither absolute nor a path', () => {
    refuses({ url: 'h.example.com/x' }, { date: DOC_EPOCH }, /"h\.example\.com\/x" is not an absolute URL or a path starting with "\/"/);
  });

  it('an unknown algorithm', () => {
    refuses({}, { date: DOC_EPOCH, algorithm: 'SDK-HMAC-MD5' as never }, /unknown algorithm "SDK-HMAC-MD5"/);
  });

  it('V11-HMAC-SHA256 without a region', () => {
    refuses({}, { date: DOC_EPOCH, algorithm: 'V11-HMAC-SHA256' }, /V11-HMAC-SHA256 needs a region/);
    refuses({}, { date: DOC_EPOCH, algorithm: 'V11-HMAC-SHA256', region: '' }, /V11-HMAC-SHA256 needs a region/);
  });

  it('with an error named SigningError', () => {
    try {
      signRequest({ method: 'GET', url: '/x' }, DOC_CREDENTIALS, { date: DOC_EPOCH });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('SigningError');
    }
  });
});

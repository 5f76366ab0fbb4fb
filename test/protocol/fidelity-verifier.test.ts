/**
 * The verifier's fidelity options (issue #14): the V11 scope expectation and the signed-security-token
 * rule, both inferred (signing.md §3.1, §3.3), and the offered algorithm an unknown-algorithm verdict
 * names (never a raw credential). V11-HMAC-SM3 against independent values is in test/vectors.
 */
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../src/protocol/authorization.ts';
import { SigningError, type SignOptions, signRequest } from '../../src/protocol/signer.ts';
import { type Verdict, type VerifyOptions, verifyRequest } from '../../src/protocol/verifier.ts';

const AK = 'AKFIDELITY000001';
const SK = 'sk-fidelity-secret-0000000000000001';
const TOKEN = 'security-token-fidelity-0000000001';
const DATE = Date.UTC(2026, 11, 1, 12, 0, 0);
const URL_ = 'https://gw.example/v1/infers/abc';

function signedRequest(options: SignOptions = {}, extraHeaders: Record<string, string> = {}, securityToken?: string): Sent {
  const headers = { 'Content-Type': 'application/json' };
  const result = signRequest({ method: 'POST', url: URL_, headers, body: '{}' }, { accessKey: AK, secretKey: SK, securityToken }, { date: DATE, ...options });
  return { method: 'POST', target: '/v1/infers/abc', headers: { host: 'gw.example', ...headers, ...result.headers, ...extraHeaders }, body: '{}' };
}

interface Sent {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string;
}

const verify = (request: Sent, options: Partial<VerifyOptions> = {}, securityToken?: string): Promise<Verdict> =>
  verifyRequest(request, { lookup: (ak) => (ak === AK ? { secretKey: SK, securityToken } : undefined), now: DATE, ...options });

describe('V11 scope expectation (inferred: the spec is silent, so nothing beyond the date by default)', () => {
  for (const algorithm of ['V11-HMAC-SHA256', 'V11-HMAC-SM3'] as const) {
    const elsewhere = signedRequest({ algorithm, region: 'nowhere-9', service: 'modelarts' });

    it(`${algorithm}: no expectation accepts any region and service`, async () => {
      expect(await verify(elsewhere)).toMatchObject({ accepted: true, algorithm, scope: { region: 'nowhere-9', service: 'modelarts' } });
      expect(await verify(elsewhere, { scope: {} })).toMatchObject({ accepted: true });
    });

    it(`${algorithm}: a region expectation refuses another region as scope-mismatch, naming both`, async () => {
      const verdict = await verify(elsewhere, { scope: { region: 'cn-north-4' } });
      expect(verdict).toMatchObject({ accepted: false, reason: 'scope-mismatch' });
      expect(verdict.accepted ? '' : verdict.detail).toBe('the credential scope names region nowhere-9, the gateway serves cn-north-4');
      expect(await verify(signedRequest({ algorithm, region: 'cn-north-4', service: 'modelarts' }), { scope: { region: 'cn-north-4' } })).toMatchObject({
        accepted: true,
      });
    });

    it(`${algorithm}: a services expectation refuses a service not listed, naming the ones accepted`, async () => {
      const inRegion = signedRequest({ algorithm, region: 'cn-north-4', service: 'modelarts' });
      const verdict = await verify(inRegion, { scope: { region: 'cn-north-4', services: ['apic', 'apig'] } });
      expect(verdict).toMatchObject({ accepted: false, reason: 'scope-mismatch' });
      expect(verdict.accepted ? '' : verdict.detail).toBe('the credential scope names service modelarts, the gateway accepts apic, apig');
      expect(await verify(inRegion, { scope: { services: ['modelarts'] } })).toMatchObject({ accepted: true });
      expect(await verify(signedRequest({ algorithm, region: 'elsewhere-1' }), { scope: { services: ['apic'] } })).toMatchObject({ accepted: true });
    });
  }

  it('an expectation does not apply to the plain algorithms', async () => {
    expect(await verify(signedRequest(), { scope: { region: 'cn-north-4', services: ['apic'] } })).toMatchObject({ accepted: true, scope: undefined });
  });

  it('the scope date is still checked first', async () => {
    const request = signedRequest({ algorithm: 'V11-HMAC-SM3', region: 'nowhere-9' });
    request.headers.Authorization = request.headers.Authorization!.replace('/20261201/', '/20261130/');
    const verdict = await verify(request, { scope: { region: 'cn-north-4' } });
    expect(verdict.accepted ? '' : verdict.detail).toBe('the credential scope date 20261130 is not the X-Sdk-Date day 20261201');
  });
});

describe('securityTokenMustBeSigned (inferred: every v3 SDK signs it, a community port does not)', () => {
  const unsigned = signedRequest({}, { 'X-Security-Token': TOKEN });

  it('default: a matching token outside SignedHeaders is accepted', async () => {
    expect(await verify(unsigned, {}, TOKEN)).toMatchObject({ accepted: true });
    expect(await verify(unsigned, { securityTokenMustBeSigned: false }, TOKEN)).toMatchObject({ accepted: true });
  });

  it('on: the same request is security-token-unsigned; a signed token passes', async () => {
    const verdict = await verify(unsigned, { securityTokenMustBeSigned: true }, TOKEN);
    expect(verdict).toMatchObject({ accepted: false, reason: 'security-token-unsigned', accessKey: AK });
    expect(verdict.accepted ? '' : verdict.detail).toBe('x-security-token must be one of the SignedHeaders');
    expect(await verify(signedRequest({}, {}, TOKEN), { securityTokenMustBeSigned: true }, TOKEN)).toMatchObject({ accepted: true });
  });

  it('on: a wrong token is still security-token-mismatch, a missing one security-token-missing', async () => {
    expect(await verify(signedRequest({}, { 'X-Security-Token': 'another' }), { securityTokenMustBeSigned: true }, TOKEN)).toMatchObject({
      reason: 'security-token-mismatch',
    });
    expect(await verify(signedRequest(), { securityTokenMustBeSigned: true }, TOKEN)).toMatchObject({ reason: 'security-token-missing' });
  });

  it('on: permanent keys are not asked for a token', async () => {
    expect(await verify(signedRequest(), { securityTokenMustBeSigned: true })).toMatchObject({ accepted: true });
  });
});

describe('the algorithm an unknown-algorithm verdict names', () => {
  const rest = `Access=${AK}, SignedHeaders=host, Signature=${'a'.repeat(64)}`;

  it.each(['SDK-ECDSA-P256-SHA256', 'SDK-SM2-SM3', 'Token', 'hmac'])('%s looks like a name: offered as it was sent', async (name) => {
    const parsed = parseAuthorization(`${name} ${rest}`);
    expect(parsed).toMatchObject({ ok: false, problem: 'unknown-algorithm', offeredAlgorithm: name });
    const verdict = await verify({ method: 'GET', target: '/', headers: { host: 'h', authorization: `${name} ${rest}` }, body: '' });
    expect(verdict).toMatchObject({ accepted: false, reason: 'authorization-malformed', malformed: 'unknown-algorithm', offeredAlgorithm: name });
  });

  it.each([
    ['a base64 credential', 'c2VjcmV0LXRva2Vu='],
    ['upper case only', 'SECRETTOKEN'],
    ['too long', `A${'-b'.repeat(20)}`],
    ['a digit first', '9abc-def'],
    ['a trailing dash', 'abc-'],
  ])('%s is not offered back', (_, name) => {
    const parsed = parseAuthorization(`${name} ${rest}`);
    expect(parsed).toMatchObject({ ok: false, problem: 'unknown-algorithm', offeredAlgorithm: undefined });
  });

  it('other problems offer no algorithm', () => {
    expect(parseAuthorization(`SDK-HMAC-SHA256 SignedHeaders=host, Signature=${'a'.repeat(64)}`)).not.toHaveProperty('offeredAlgorithm');
  });
});

describe('the signer names the V11 algorithm that lacks a region', () => {
  it.each(['V11-HMAC-SHA256', 'V11-HMAC-SM3'] as const)('%s', (algorithm) => {
    expect(() => signRequest({ method: 'GET', url: URL_ }, { accessKey: AK, secretKey: SK }, { date: DATE, algorithm })).toThrow(
      new SigningError(`${algorithm} needs a region (options.region)`),
    );
  });

  it('V11-HMAC-SM3 defaults the service to apic, as the APIG Go signer fixes it', () => {
    const { steps } = signRequest(
      { method: 'GET', url: URL_ },
      { accessKey: AK, secretKey: SK },
      { date: DATE, algorithm: 'V11-HMAC-SM3', region: 'cn-north-4' },
    );
    expect(steps.scope).toEqual({ date: '20261201', region: 'cn-north-4', service: 'apic' });
    expect(steps.authorization).toMatch(
      /^V11-HMAC-SM3 Credential=AKFIDELITY000001\/20261201\/cn-north-4\/apic, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('V11-HMAC-SM3 with unsignedPayload declares it in X-Sdk-Content-Sm3, which the verifier honours', async () => {
    const result = signRequest(
      { method: 'POST', url: URL_, body: 'x' },
      { accessKey: AK, secretKey: SK },
      { date: DATE, algorithm: 'V11-HMAC-SM3', region: 'r', unsignedPayload: true },
    );
    expect(result.headers['X-Sdk-Content-Sm3']).toBe('UNSIGNED-PAYLOAD');
    const verdict = await verify({ method: 'POST', target: '/v1/infers/abc', headers: { host: 'gw.example', ...result.headers }, body: 'another body' });
    expect(verdict).toMatchObject({ accepted: true, unsignedPayload: true });
  });
});

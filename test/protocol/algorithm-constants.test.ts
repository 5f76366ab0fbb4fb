/**
 * The fixed values of the signature family (signing.md §1.3, §3.1, §3.2): the empty-body digests,
 * the payload headers each algorithm reads, the V11 scope requirements, and a scope date that must
 * be exactly eight digits.
 */
import { describe, expect, it } from 'vitest';
import { algorithmByName } from '../../src/protocol/algorithms/index.ts';
import { parseAuthorization } from '../../src/protocol/authorization.ts';
import { canonicalUri } from '../../src/protocol/canonical/uri.ts';
import { EMPTY_DIGEST } from '../../src/protocol/digest.ts';

describe('empty-body digests', () => {
  it('SHA-256 of nothing (§1.3) and SM3 of nothing (§3.2)', () => {
    expect(EMPTY_DIGEST).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      sm3: '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    });
  });
});

describe('payload headers per algorithm (§1.3, §3.2)', () => {
  it('SDK-HMAC-SM3 reads X-Sdk-Content-Sm3 first, then X-Sdk-Content-Sha256 (APIG Go and Java)', () => {
    expect(algorithmByName('SDK-HMAC-SM3')?.contentHashHeaders).toEqual(['x-sdk-content-sm3', 'x-sdk-content-sha256']);
  });

  it('V11-HMAC-SM3 reads them in the same order (signing.md §3.2: the APIG Go signer keeps X-Sdk-Content-Sha256)', () => {
    expect(algorithmByName('V11-HMAC-SM3')?.contentHashHeaders).toEqual(['x-sdk-content-sm3', 'x-sdk-content-sha256']);
  });

  it('the SHA-256 algorithms read X-Sdk-Content-Sha256 only', () => {
    expect(algorithmByName('SDK-HMAC-SHA256')?.contentHashHeaders).toEqual(['x-sdk-content-sha256']);
    expect(algorithmByName('V11-HMAC-SHA256')?.contentHashHeaders).toEqual(['x-sdk-content-sha256']);
  });

  it('knows no other algorithm, nor a name from Object.prototype', () => {
    expect(algorithmByName('SDK-ECDSA-P256-SHA256')).toBeUndefined();
    expect(algorithmByName('SDK-SM2-SM3')).toBeUndefined();
    expect(algorithmByName('toString')).toBeUndefined();
  });
});

describe('V11-HMAC-SHA256 needs its credential scope (§3.1)', () => {
  const v11 = algorithmByName('V11-HMAC-SHA256')!;
  it('for the string to sign', () => {
    expect(() => v11.stringToSign('20191115T033655Z', 'ab')).toThrow(new TypeError('V11-HMAC-SHA256 needs a credential scope'));
  });

  it('for the signing key', () => {
    expect(() => v11.signingKey({ accessKey: 'AK', secretKey: 'SK' })).toThrow(new TypeError('V11-HMAC-SHA256 needs a credential scope'));
  });
});

describe('V11-HMAC-SM3 needs its credential scope too, and says so by its own name (§3.2)', () => {
  const v11 = algorithmByName('V11-HMAC-SM3')!;
  it('for the string to sign and the signing key', () => {
    expect(() => v11.stringToSign('20191115T033655Z', 'ab')).toThrow(new TypeError('V11-HMAC-SM3 needs a credential scope'));
    expect(() => v11.signingKey({ accessKey: 'AK', secretKey: 'SK' })).toThrow(new TypeError('V11-HMAC-SM3 needs a credential scope'));
  });

  it('is the V11 layout over SM3: Credential=, a scope, the SM3 digest', () => {
    expect(v11).toMatchObject({ name: 'V11-HMAC-SM3', digest: 'sm3', credentialField: 'Credential', usesScope: true });
    expect(v11.stringToSign('20261201T120000Z', 'd1', { date: '20261201', region: 'cn-north-4', service: 'apic' })).toBe(
      'V11-HMAC-SM3\n20261201T120000Z\n20261201/cn-north-4/apic\nd1',
    );
  });
});

describe('the V11 scope date is exactly eight digits', () => {
  it.each(['202611230', 'x20261123', '2026112'])('refuses %s', (date) => {
    const parsed = parseAuthorization(`V11-HMAC-SHA256 Credential=AK/${date}/cn-north-4/apic, SignedHeaders=host, Signature=${'a'.repeat(64)}`);
    expect(parsed.ok ? undefined : parsed.problem).toBe('malformed-credential-scope');
  });
});

describe('canonicalUri of a path made only of escapes and reserved characters', () => {
  it.each([
    ['%41%7e', 'A~/'],
    ['%2F', '/'],
    [' ', '%20/'],
    ['%7E%7e', '~~/'],
  ])('%j → %j', (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });
});

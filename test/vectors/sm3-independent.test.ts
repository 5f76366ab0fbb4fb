/**
 * The SM3 algorithms recomputed with a second SM3 implementation (sm-crypto, pure JavaScript) instead
 * of Node's OpenSSL, with HKDF (RFC 5869) written out here: evidence for the crypto chain that does
 * not come from this project's code. The canonical requests are the files' own (checked against the
 * official SDK and the published vectors elsewhere); what is checked here is everything after them.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadVectors, type SignVector } from '../support/vector-files.ts';

type Sm3 = (input: string | number[], options?: { key: number[] }) => string;
const { sm3 } = createRequire(import.meta.url)('sm-crypto') as { sm3: Sm3 };

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];
const hexBytes = (hex: string) => [...Buffer.from(hex, 'hex')];
const hmacSm3 = (key: number[], data: number[]) => sm3(data, { key });

/** HKDF-SM3 with a 32-byte output: one block, T(1) = HMAC(PRK, info || 0x01). */
function hkdfSm3(ikm: string, salt: string, info: string): string {
  const prk = hexBytes(hmacSm3(bytes(salt), bytes(ikm)));
  return hmacSm3(prk, [...bytes(info), 1]);
}

function signatureOf(v: SignVector, canonicalRequest: string, sdkDate: string): string {
  const hashed = sm3(bytes(canonicalRequest));
  if (v.algorithm === 'SDK-HMAC-SM3') return hmacSm3(bytes(v.credentials.sk), bytes(`SDK-HMAC-SM3\n${sdkDate}\n${hashed}`));
  const scope = `${sdkDate.slice(0, 8)}/${v.region}/${v.service}`;
  const key = hkdfSm3(v.credentials.sk, v.credentials.ak, scope);
  // The HMAC key is the derived key's hex text (signing.md §3.1), here as in the Go signer's hex.EncodeToString.
  return hmacSm3(bytes(key), bytes(`V11-HMAC-SM3\n${sdkDate}\n${scope}\n${hashed}`));
}

const sm3Vectors = loadVectors().filter(
  (v): v is SignVector => v.kind !== 'verify' && (v.algorithm === 'SDK-HMAC-SM3' || v.algorithm === 'V11-HMAC-SM3') && v.expected.canonicalRequest !== undefined,
);

describe('SM3 vectors against a second SM3 implementation', () => {
  it('sm-crypto is a real SM3: the empty-body digest of signing.md §3.2 and GB/T 32905 example 1 ("abc")', () => {
    expect(sm3([])).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('covers both SM3 algorithms, the APIG Go signer vector among them', () => {
    expect(new Set(sm3Vectors.map((v) => v.algorithm))).toEqual(new Set(['SDK-HMAC-SM3', 'V11-HMAC-SM3']));
    expect(sm3Vectors.map((v) => v.name)).toContain('published-apig-go-v11-sm3-post');
    expect(sm3Vectors.filter((v) => v.algorithm === 'V11-HMAC-SM3').length).toBeGreaterThanOrEqual(4);
  });

  it.each(sm3Vectors.map((v) => [v.name, v] as const))('%s: the signature in the files is the one sm-crypto computes', (_, v) => {
    const sdkDate = /^x-sdk-date:(.*)$/m.exec(v.expected.canonicalRequest!)![1]!;
    const signature = /Signature=([0-9a-f]{64})$/.exec(v.expected.authorization)![1];
    expect(signatureOf(v, v.expected.canonicalRequest!, sdkDate)).toBe(signature);
  });

  it('the payload line of the body-signed V11-HMAC-SM3 vectors is sm-crypto’s SM3 of the body', () => {
    for (const v of sm3Vectors.filter((x) => x.algorithm === 'V11-HMAC-SM3' && !/UNSIGNED-PAYLOAD$/.test(x.expected.canonicalRequest!))) {
      expect(v.expected.canonicalRequest!.split('\n').at(-1), v.name).toBe(sm3([...v.request.body]));
    }
  });
});

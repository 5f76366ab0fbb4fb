import { describe, expect, it } from 'vitest';
import { signRequest } from '../../src/protocol/signer.ts';
import { type SecretLookup, verifyRequest } from '../../src/protocol/verifier.ts';

const AK = 'AKLOOKUP00000001';
const SK = 'sk-lookup-shapes-0000000000000001';
const NOW = Date.UTC(2026, 10, 23, 10, 15, 0);
const body = '{"data":[1]}';
const { headers } = signRequest(
  { method: 'POST', url: 'https://example.com/v1/infers/abc', headers: { 'Content-Type': 'application/json' }, body },
  { accessKey: AK, secretKey: SK },
  { date: NOW },
);
const verify = (lookup: SecretLookup) =>
  verifyRequest(
    { method: 'POST', target: '/v1/infers/abc', headers: { ...headers, Host: 'example.com', 'Content-Type': 'application/json' }, body },
    { lookup, now: NOW },
  );

describe('the secret lookup', () => {
  it('may return the secret key as a string, sync or async', async () => {
    const secrets = new Map([[AK, SK]]);
    expect(await verify((ak) => secrets.get(ak))).toMatchObject({ accepted: true });
    expect(await verify(async (ak) => secrets.get(ak))).toMatchObject({ accepted: true });
    expect(await verify((ak) => (ak === AK ? 'another secret' : undefined))).toMatchObject({ accepted: false, reason: 'signature-mismatch' });
  });

  it('may return a { secretKey } record', async () => {
    expect(await verify(() => ({ secretKey: SK }))).toMatchObject({ accepted: true });
  });

  it('refuses any other answer with a TypeError that says what it must return', async () => {
    await expect(verify((() => 42) as unknown as SecretLookup)).rejects.toThrow(
      /must return the secret key as a string, a \{ secretKey \} record or undefined, not number/,
    );
    await expect(verify((() => ({ sk: SK })) as unknown as SecretLookup)).rejects.toThrow(TypeError);
  });
});

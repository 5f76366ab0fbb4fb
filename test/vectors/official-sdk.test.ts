import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialSign, OFFICIAL_SDK_VERSION, toSdkRequest } from '../support/official-sdk.ts';
import { loadVectors, type SignVector, VECTORS_DIR } from '../support/vector-files.ts';

const signVectors = loadVectors().filter((v): v is SignVector => v.kind !== 'verify');
const translations = signVectors.map((v) => ({ vector: v, translation: toSdkRequest(v.request, v.signedHeaders, v.algorithm) }));
const skipList: Record<string, string> = JSON.parse(readFileSync(join(VECTORS_DIR, '..', 'official-sdk-skips.json'), 'utf8')).skips;

describe(`every signing vector against the official SDK signer (@huaweicloud/huaweicloud-sdk-core ${OFFICIAL_SDK_VERSION})`, () => {
  it('skips exactly the cases in the written skip list, for the written reasons', () => {
    const skipped = Object.fromEntries(
      translations.flatMap(({ vector, translation }) => (translation.ok ? [] : [[vector.name, translation.reason]])),
    );
    expect(skipped).toEqual(skipList);
  });

  it('still compares most vectors', () => {
    expect(translations.filter((t) => t.translation.ok).length).toBeGreaterThanOrEqual(35);
  });

  it.each(translations.filter((t) => t.translation.ok).map((t) => [t.vector.name, t] as const))(
    '%s: the SDK produces the same Authorization',
    (_, { vector, translation }) => {
      if (!translation.ok) throw new Error('unreachable');
      const headers = officialSign(vector.algorithm as 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256', translation.request, {
        ak: vector.credentials.ak,
        sk: vector.credentials.sk,
        region: vector.region,
        service: vector.service,
      });
      expect(headers['Authorization']).toBe(vector.expected.authorization);
    },
  );
});

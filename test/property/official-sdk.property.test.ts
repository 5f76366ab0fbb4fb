/**
 * Random requests, in the space where the official Node SDK signs correctly (signing.md §2: object
 * or no JSON bodies, trimmed values, paths given decoded, upper-case methods, header names of
 * letters and '-'), signed by both signers at the same date:
 *  - our Authorization equals the SDK's;
 *  - our verifier accepts what the SDK signed, as it would arrive on the wire;
 *  - every single-field change after signing is rejected, for the right reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSdkDate, signRequest, verifyRequest } from '../../src/protocol/index.ts';
import { officialSign, type SdkRequest } from '../support/official-sdk.ts';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 1000);

// Characters the SDK's url.parse passes through untouched (no space, quote, backslash, %, ?, #, /).
const PATH_CHARS = [...'abcXYZ019-._~:@!$&=+;,()*', 'é', 'ü', '中', '文', '☃', '😀'];
// No U+E000–U+FFFF: the SDK sorts by UTF-16 code units and would order them after astral characters.
const QUERY_CHARS = [...'aAbBzZ09-._~ !*\'()&=+/?#%[]:@,;$', 'é', '中', '😀'];
const HEADER_VALUE_CHARS = [...'abcXYZ0189-_.:;/=+,()"!?@ '];

const text = (chars: string[], minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...chars), { minLength, maxLength }).map((a) => a.join(''));

const pathArb = fc.array(text(PATH_CHARS, 0, 6), { minLength: 1, maxLength: 4 }).map((segments) => segments);
const queryArb = fc.array(
  fc.tuple(fc.oneof(text(QUERY_CHARS, 1, 6), fc.constantFrom('tag', 'a', 'A')), text(QUERY_CHARS, 0, 6)),
  { maxLength: 5 },
);
const headerNameArb = text([...'abcdefghijklmnopqrstuvwxyz'], 1, 6)
  .chain((head) => fc.option(text([...'abcxyz'], 1, 4), { nil: undefined }).map((tail) => (tail ? `x-${head}-${tail}` : `x-${head}`)));
const headerValueArb = text(HEADER_VALUE_CHARS, 1, 12).map((v) => v.trim()).filter((v) => v !== '');
const headersArb = fc.dictionary(headerNameArb, headerValueArb, { maxKeys: 4 });
const bodyArb = fc.option(fc.dictionary(text([...'abcxyz'], 1, 5), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }), { nil: undefined });

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  host: fc.constantFrom('8e0c5fe1.apig.cn-north-4.huaweicloudapis.com', 'localhost:8787', '127.0.0.1:9443'),
  segments: pathArb,
  query: queryArb,
  headers: headersArb,
  contentType: fc.constantFrom(undefined, 'application/json', 'text/plain'),
  body: bodyArb,
  unsignedPayload: fc.boolean(),
  epochSeconds: fc.integer({ min: Date.UTC(2001, 0, 1) / 1000, max: Date.UTC(2099, 0, 1) / 1000 }),
  ak: text([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'], 8, 24),
  sk: text([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'], 8, 44),
  algorithm: fc.constantFrom('SDK-HMAC-SHA256' as const, 'V11-HMAC-SHA256' as const),
  region: fc.constantFrom('cn-north-4', 'ap-southeast-1'),
  service: fc.constantFrom('apic', 'modelarts'),
});

type Sample = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

interface Prepared {
  sample: Sample;
  sdkDate: string;
  wireTarget: string;
  bodyBytes: Buffer;
  sdkRequest: SdkRequest;
  ourHeaders: Record<string, string>;
}

function prepare(sample: Sample): Prepared {
  const sdkDate = formatSdkDate(sample.epochSeconds * 1000);
  const wirePath = `/${sample.segments.map(encodeURIComponent).join('/')}`;
  const wireQuery = sample.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const wireTarget = wireQuery ? `${wirePath}?${wireQuery}` : wirePath;
  const queryParams: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of sample.query) {
    const existing = queryParams[k];
    queryParams[k] = existing === undefined ? v : [...(Array.isArray(existing) ? existing : [existing]), v];
  }
  const headers: Record<string, string> = { ...sample.headers, host: sample.host, 'X-Sdk-Date': sdkDate };
  if (sample.contentType) headers['content-type'] = sample.contentType;
  if (sample.unsignedPayload) headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
  const bodyBytes = Buffer.from(sample.body === undefined ? '' : JSON.stringify(sample.body), 'utf8');
  return {
    sample,
    sdkDate,
    wireTarget,
    bodyBytes,
    ourHeaders: headers,
    sdkRequest: {
      endpoint: `http://${sample.host}/${sample.segments.join('/')}`,
      method: sample.method,
      headers,
      queryParams,
      data: sample.body,
    },
  };
}

const keysOf = (s: Sample) => ({ ak: s.ak, sk: s.sk, region: s.region, service: s.service });

async function verifyWire(p: Prepared, wire: { method: string; target: string; headers: Record<string, string>; body: Buffer }, sk = p.sample.sk, nowMs = p.sample.epochSeconds * 1000) {
  return verifyRequest(wire, { lookup: (ak) => (ak === p.sample.ak ? { secretKey: sk } : undefined), now: nowMs });
}

describe(`property: our signer and verifier against the official SDK signer (${RUNS} random requests)`, () => {
  it('signs identically, verifies what the SDK signed, and rejects every single-field change', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (sample) => {
        const p = prepare(sample);
        const sdkHeaders = officialSign(sample.algorithm, p.sdkRequest, keysOf(sample));
        const ours = signRequest(
          { method: sample.method, url: p.wireTarget, headers: p.ourHeaders, body: p.bodyBytes },
          { accessKey: sample.ak, secretKey: sample.sk },
          { algorithm: sample.algorithm, region: sample.region, service: sample.service },
        );
        expect(ours.steps.authorization).toBe(sdkHeaders['Authorization']);
        compared++;

        const wire = { method: sample.method, target: p.wireTarget, headers: sdkHeaders, body: p.bodyBytes };
        const accepted = await verifyWire(p, wire);
        expect(accepted).toMatchObject({ accepted: true });

        const firstHeader = Object.keys(sample.headers)[0];
        const movedDate = formatSdkDate(sample.epochSeconds * 1000 + 1000);
        // A V11 scope carries the day: one second past midnight breaks the scope before the signature.
        const dateReason = sample.algorithm === 'V11-HMAC-SHA256' && movedDate.slice(0, 8) !== p.sdkDate.slice(0, 8) ? 'scope-mismatch' : 'signature-mismatch';
        const mutations: Array<[string, typeof wire, string | undefined, string?]> = [
          ['method', { ...wire, method: sample.method === 'GET' ? 'POST' : 'GET' }, undefined],
          ['path', { ...wire, target: wire.target.replace(/^\/[^?]*/, (path) => `${path}/x`) }, undefined],
          ['query', { ...wire, target: sample.query.length ? wire.target.replace(/=([^&]*)/, '=$1z') : `${wire.target}?z=1` }, undefined],
          ['date', { ...wire, headers: { ...wire.headers, 'X-Sdk-Date': movedDate } }, undefined, dateReason],
          ['secret', wire, `${sample.sk}x`],
        ];
        if (firstHeader) mutations.push(['header', { ...wire, headers: { ...wire.headers, [firstHeader]: `${wire.headers[firstHeader]}z` } }, undefined]);
        if (!sample.unsignedPayload) mutations.push(['body', { ...wire, body: Buffer.concat([p.bodyBytes, Buffer.from(' ')]) }, undefined]);
        for (const [field, changed, sk, reason = 'signature-mismatch'] of mutations) {
          const verdict = await verifyWire(p, changed, sk);
          expect({ field, verdict: verdict.accepted ? 'accepted' : verdict.reason }).toEqual({ field, verdict: reason });
        }
        const late = await verifyWire(p, wire, sample.sk, sample.epochSeconds * 1000 + 15 * 60 * 1000 + 1000);
        expect(late).toMatchObject({ accepted: false, reason: 'date-expired', skew: { direction: 'past' } });
        const early = await verifyWire(p, wire, sample.sk, sample.epochSeconds * 1000 - 15 * 60 * 1000 - 1000);
        expect(early).toMatchObject({ accepted: false, reason: 'date-expired', skew: { direction: 'future' } });
      }),
      { numRuns: RUNS, ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}) },
    );
    expect(compared).toBe(RUNS);
  });
});

import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../src/protocol/index.ts';
import { epochOf, loadVectors, lookupFrom, type SignVector, type VerifyVector } from '../support/vector-files.ts';

const vectors = loadVectors();
const signVectors = vectors.filter((v): v is SignVector => v.kind !== 'verify');
const verifyVectors = vectors.filter((v): v is VerifyVector => v.kind === 'verify');
const ours = signVectors.filter((v) => v.kind === 'sign');
const published = signVectors.filter((v) => v.kind === 'published');

function signVector(v: SignVector) {
  return signRequest(
    { method: v.request.method, url: v.request.target, headers: v.request.headers, body: v.request.body },
    { accessKey: v.credentials.ak, secretKey: v.credentials.sk },
    { algorithm: v.algorithm, region: v.region, service: v.service, signedHeaders: v.signedHeaders },
  );
}

describe('signing vectors', () => {
  it('has the coverage the vector set promises', () => {
    expect(ours.length).toBeGreaterThanOrEqual(30);
    expect(published.map((v) => v.name)).toHaveLength(10);
    expect(verifyVectors.filter((v) => !v.expected.accepted).length).toBeGreaterThanOrEqual(10);
    expect(new Set(ours.map((v) => v.algorithm))).toEqual(new Set(['SDK-HMAC-SHA256', 'V11-HMAC-SHA256', 'SDK-HMAC-SM3', 'V11-HMAC-SM3']));
  });

  it.each(published.map((v) => [v.name, v] as const))('%s: our signer reproduces the published values', (_, v) => {
    const { steps } = signVector(v);
    expect(steps.authorization).toBe(v.expected.authorization);
    if (v.expected.canonicalRequest !== undefined) expect(steps.canonicalRequest.text).toBe(v.expected.canonicalRequest);
    if (v.expected.stringToSign !== undefined) expect(steps.stringToSign).toBe(v.expected.stringToSign);
  });

  it.each(ours.map((v) => [v.name, v] as const))('%s: every intermediate matches the files', (_, v) => {
    const { steps } = signVector(v);
    expect(steps.canonicalRequest.text).toBe(v.expected.canonicalRequest);
    expect(steps.stringToSign).toBe(v.expected.stringToSign);
    expect(steps.authorization).toBe(v.expected.authorization);
    expect(v.expected.signedRequest?.headers.at(-1)).toEqual(['Authorization', v.expected.authorization]);
  });

  it.each(signVectors.map((v) => [v.name, v] as const))('%s: the verifier accepts the signed request', async (_, v) => {
    const request = v.expected.signedRequest ?? {
      ...v.request,
      headers: [...v.request.headers, ['Authorization', v.expected.authorization] as [string, string]],
    };
    const now = v.verifyAt ? epochOf(v.verifyAt) : epochOf(request.headers.find(([n]) => n === 'X-Sdk-Date')![1]);
    const verdict = await verifyRequest(
      { method: request.method, target: request.target, headers: request.headers, body: request.body },
      { lookup: lookupFrom({ [v.credentials.ak]: { sk: v.credentials.sk, securityToken: v.credentials.securityToken } }), now },
    );
    expect(verdict).toMatchObject({ accepted: true, algorithm: v.algorithm, accessKey: v.credentials.ak });
  });
});

describe('verification vectors', () => {
  it.each(verifyVectors.map((v) => [v.name, v] as const))('%s', async (_, v) => {
    const verdict = await verifyRequest(
      { method: v.request.method, target: v.request.target, headers: v.request.headers, body: v.request.body },
      { lookup: lookupFrom(v.secrets), now: epochOf(v.now) },
    );
    expect(verdict.accepted).toBe(v.expected.accepted);
    if (!verdict.accepted) {
      expect(verdict.reason).toBe(v.expected.reason);
      if (v.expected.malformed) expect(verdict.malformed).toBe(v.expected.malformed);
      expect(JSON.stringify(verdict)).not.toContain(Object.values(v.secrets)[0]?.sk ?? '\u0000');
    }
  });
});

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../src/protocol/verifier.ts';

// Each client here is written by hand from signing.md §1 (canonical request, string-to-sign, HMAC),
// with one deliberate mistake, so the diagnosis is checked against the spec, not against our signer.

const AK = 'AKDIAGNOSE00000001';
const SK = 'sk-diagnose-Zq8vP1mW9xR4tY7uI0oS3d';
const SDK_DATE = '20261124T101500Z';
const NOW = Date.UTC(2026, 10, 24, 10, 15, 0);
const BODY = '{"data":[1,2,3]}';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (text: string) => createHmac('sha256', SK).update(text).digest('hex');

interface Lines {
  method: string;
  uri: string;
  query: string;
  payloadHash: string;
}

/** A correct client for POST /v1/infers/abc/a b/你?b=2&a=1 with the body above, unless told otherwise. */
const CORRECT: Lines = {
  method: 'POST',
  uri: '/v1/infers/abc/a%20b/%E4%BD%A0/',
  query: 'a=1&b=2',
  payloadHash: sha256(BODY),
};
const TARGET = '/v1/infers/abc/a%20b/%E4%BD%A0?b=2&a=1';

function handSigned(lines: Lines, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { host: 'apig.example', 'x-sdk-date': SDK_DATE, ...extraHeaders };
  const signed = Object.keys(headers).sort();
  const canonical = [
    lines.method,
    lines.uri,
    lines.query,
    signed.map((name) => `${name}:${headers[name]}\n`).join(''),
    signed.join(';'),
    lines.payloadHash,
  ].join('\n');
  const signature = hmac(`SDK-HMAC-SHA256\n${SDK_DATE}\n${sha256(canonical)}`);
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signed.join(';')}, Signature=${signature}` };
}

async function verdictFor(lines: Lines, extraHeaders: Record<string, string> = {}, body = BODY) {
  return verifyRequest(
    { method: 'POST', target: TARGET, headers: handSigned(lines, extraHeaders), body: [Buffer.from(body)] },
    { lookup: (ak) => (ak === AK ? { secretKey: SK } : undefined), now: NOW },
  );
}

describe('diagnosing a signature mismatch', () => {
  it('accepts the correct hand-written client (the baseline the mistakes depart from)', async () => {
    expect((await verdictFor(CORRECT)).accepted).toBe(true);
  });

  it.each([
    ['query-omitted', { query: '' }, 'without the query string'],
    ['query-unsorted', { query: 'b=2&a=1' }, 'as sent'],
    ['path-no-trailing-slash', { uri: '/v1/infers/abc/a%20b/%E4%BD%A0' }, 'trailing "/"'],
    ['path-decoded', { uri: '/v1/infers/abc/a b/你/' }, 'decoded path'],
    ['path-double-encoded', { uri: '/v1/infers/abc/a%2520b/%25E4%25BD%25A0/' }, 'encoded the path twice'],
    ['method-case', { method: 'post' }, 'lower case'],
    ['payload-unsigned', { payloadHash: 'UNSIGNED-PAYLOAD' }, 'UNSIGNED-PAYLOAD'],
    ['payload-empty', { payloadHash: EMPTY_SHA256 }, 'empty body'],
  ] as const)('names the mistake %s', async (id, mistake, words) => {
    const verdict = await verdictFor({ ...CORRECT, ...mistake });
    expect(verdict.accepted).toBe(false);
    if (verdict.accepted) return;
    expect(verdict.reason).toBe('signature-mismatch');
    expect(verdict.hint?.id).toBe(id);
    expect(verdict.detail).toContain(words);
    // The hint's canonical request is what the client signed: its signature is the one sent.
    const sent = /Signature=([0-9a-f]+)/.exec(handSigned({ ...CORRECT, ...mistake }).authorization!)![1];
    expect(hmac(`SDK-HMAC-SHA256\n${SDK_DATE}\n${sha256(verdict.hint!.canonicalRequest)}`)).toBe(sent);
  });

  it('names a body hash signed while UNSIGNED-PAYLOAD was declared', async () => {
    const verdict = await verdictFor({ ...CORRECT, payloadHash: sha256(BODY) }, { 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(verdict.accepted).toBe(false);
    if (!verdict.accepted) expect(verdict.hint?.id).toBe('payload-body-hash');
  });

  it('gives no hint when no common mistake explains the signature (e.g. a wrong secret)', async () => {
    const headers = handSigned(CORRECT);
    headers.authorization = headers.authorization!.replace(/Signature=[0-9a-f]+/, `Signature=${'0'.repeat(64)}`);
    const verdict = await verifyRequest(
      { method: 'POST', target: TARGET, headers, body: [Buffer.from(BODY)] },
      { lookup: () => ({ secretKey: SK }), now: NOW },
    );
    expect(verdict.accepted).toBe(false);
    if (!verdict.accepted) {
      expect(verdict.reason).toBe('signature-mismatch');
      expect(verdict.hint).toBeUndefined();
    }
  });

  it('never puts the secret in a hint', async () => {
    const verdict = await verdictFor({ ...CORRECT, query: '' });
    expect(JSON.stringify(verdict)).not.toContain(SK);
  });
});

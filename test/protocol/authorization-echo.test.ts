/**
 * What a malformed Authorization's error message may repeat back. A client that puts a raw token,
 * an AK or a secret where the algorithm or a field name goes must not find it echoed in an error
 * or a journal; a word that looks like a name (`Bearer`, `AWS4-HMAC-SHA256`, `Nonce`) is quoted
 * so the person reading can see what they sent.
 */
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../src/protocol/authorization.ts';

const SIG = 'a'.repeat(64);

function messageOf(header: string): string {
  const parsed = parseAuthorization(header);
  if (parsed.ok) throw new Error(`expected ${header} to be refused`);
  return parsed.message;
}

describe('unknown algorithm', () => {
  it.each(['Bearer', 'AWS4-HMAC-SHA256', 'sdk-hmac-sha256', 'Digest', 'x'])('quotes the name-like %j', (name) => {
    const message = messageOf(`${name} Access=AK, SignedHeaders=host, Signature=${SIG}`);
    expect(message).toContain(`"${name}"`);
    expect(message).toContain('SDK-HMAC-SHA256, V11-HMAC-SHA256, SDK-HMAC-SM3');
  });

  it.each([
    ['a raw IAM token', `MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgg${'A'.repeat(40)}`],
    ['a 33-character name', `a${'b'.repeat(32)}`],
    ['an upper-case AK', 'QTWAOYTTINDUT2QVKYUC'],
    ['digits', '1234567890'],
    ['a name starting with a digit', '9lives'],
    ['a token with base64 punctuation', 'abc+def/ghi='],
    ['a name with an empty part', 'ab--cd'],
    ['a name ending with a dash', 'abc-'],
    ['a name with an underscore', 'ab_cd'],
  ])('does not repeat %s, only its length', (_label, secret) => {
    const message = messageOf(`${secret} Access=AK, SignedHeaders=host, Signature=${SIG}`);
    expect(message).not.toContain(secret);
    expect(message).toContain(`(${secret.length} characters)`);
  });

  it('does not repeat a raw token sent alone', () => {
    const token = `MIIEtoken${'x'.repeat(200)}`;
    expect(messageOf(token)).not.toContain(token);
    expect(messageOf(token)).toContain('(209 characters)');
  });

  it('quotes a name of exactly 32 characters', () => {
    const name = `a${'b'.repeat(31)}`;
    expect(messageOf(`${name} Access=AK`)).toContain(`"${name}"`);
  });
});

describe('unknown field', () => {
  it('quotes a name-like field name and lists the expected ones', () => {
    const message = messageOf(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${SIG}, Nonce=1`);
    expect(message).toContain('"Nonce"');
    expect(message).toContain('Access, SignedHeaders, Signature');
  });

  it('does not repeat a secret sent as a field name', () => {
    const secret = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    const message = messageOf(`SDK-HMAC-SHA256 Access=AK, ${secret}=x, SignedHeaders=host, Signature=${SIG}`);
    expect(message).not.toContain(secret);
    expect(message).toContain(`(${secret.length} characters)`);
  });

  it('lists the V11 field names for V11-HMAC-SHA256', () => {
    expect(messageOf(`V11-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${SIG}`)).toContain('Credential, SignedHeaders, Signature');
  });
});

describe('a field that is not Name=value', () => {
  it('gives only its length', () => {
    const secret = 'tokenWithoutEquals0123456789';
    const message = messageOf(`SDK-HMAC-SHA256 ${secret}, SignedHeaders=host, Signature=${SIG}`);
    expect(message).not.toContain(secret);
    expect(message).toContain(`${secret.length} characters`);
  });
});

describe('accepted layouts around the separators (§1.6, §4.3: \\s+ after the algorithm, ",\\s*" between fields)', () => {
  it.each([
    `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=${SIG}`,
    `SDK-HMAC-SHA256   Access=AK,SignedHeaders=host;x-sdk-date,  Signature=${SIG}`,
    `SDK-HMAC-SHA256\tAccess=AK,\tSignedHeaders=host;x-sdk-date, Signature=${SIG}`,
    `  SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=${SIG}  `,
  ])('%j', (header) => {
    expect(parseAuthorization(header)).toEqual({
      ok: true,
      value: { algorithm: 'SDK-HMAC-SHA256', accessKey: 'AK', scope: undefined, signedHeaders: ['host', 'x-sdk-date'], signature: SIG },
    });
  });

  it('keeps everything after the first = of a field as its value', () => {
    const parsed = parseAuthorization(`SDK-HMAC-SHA256 Access=AK=1, SignedHeaders=host, Signature=${SIG}`);
    expect(parsed.ok && parsed.value.accessKey).toBe('AK=1');
  });
});

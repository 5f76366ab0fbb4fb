import { describe, expect, it } from 'vitest';
import { type AuthorizationProblem, formatAuthorization, parseAuthorization } from '../../src/protocol/authorization.ts';

// signing.md §1.6 (SDK layout), §3.1 (V11 Credential=), §4.3 item 1 (tolerated whitespace).

const SIG = '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe';

describe('formatAuthorization', () => {
  it('writes the exact SDK-HMAC-SHA256 layout', () => {
    expect(formatAuthorization({ algorithm: 'SDK-HMAC-SHA256', accessKey: 'AK', signedHeaders: ['a', 'b'], signature: SIG })).toBe(
      `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=${SIG}`,
    );
  });

  it('writes the SDK-HMAC-SM3 layout with Access=', () => {
    expect(formatAuthorization({ algorithm: 'SDK-HMAC-SM3', accessKey: 'AK', signedHeaders: ['x-sdk-date'], signature: SIG })).toBe(
      `SDK-HMAC-SM3 Access=AK, SignedHeaders=x-sdk-date, Signature=${SIG}`,
    );
  });

  it('writes the V11 layout with Credential=AK/date/region/service', () => {
    expect(
      formatAuthorization({
        algorithm: 'V11-HMAC-SHA256',
        accessKey: 'AK',
        scope: { date: '20261123', region: 'cn-north-4', service: 'apig' },
        signedHeaders: ['host', 'x-sdk-date'],
        signature: SIG,
      }),
    ).toBe(`V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4/apig, SignedHeaders=host;x-sdk-date, Signature=${SIG}`);
  });

  it('writes a single signed header without a separator', () => {
    expect(formatAuthorization({ algorithm: 'SDK-HMAC-SHA256', accessKey: 'K', signedHeaders: ['x-sdk-date'], signature: SIG })).toBe(
      `SDK-HMAC-SHA256 Access=K, SignedHeaders=x-sdk-date, Signature=${SIG}`,
    );
  });
});

describe('parseAuthorization: accepted forms', () => {
  it('parses the canonical SDK-HMAC-SHA256 layout', () => {
    expect(parseAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=${SIG}`)).toEqual({
      ok: true,
      value: {
        algorithm: 'SDK-HMAC-SHA256',
        accessKey: 'AK',
        scope: undefined,
        signedHeaders: ['content-type', 'host', 'x-sdk-date'],
        signature: SIG,
      },
    });
  });

  it('parses the V11 layout into access key and scope', () => {
    expect(parseAuthorization(`V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4/apig, SignedHeaders=x-sdk-date, Signature=${SIG}`)).toEqual({
      ok: true,
      value: {
        algorithm: 'V11-HMAC-SHA256',
        accessKey: 'AK',
        scope: { date: '20261123', region: 'cn-north-4', service: 'apig' },
        signedHeaders: ['x-sdk-date'],
        signature: SIG,
      },
    });
  });

  it('parses SDK-HMAC-SM3', () => {
    const parsed = parseAuthorization(`SDK-HMAC-SM3 Access=AK, SignedHeaders=x-sdk-date, Signature=${SIG}`);
    expect(parsed.ok && parsed.value.algorithm).toBe('SDK-HMAC-SM3');
  });

  it.each([
    ['two spaces after the algorithm', `SDK-HMAC-SHA256  Access=AK, SignedHeaders=a;b, Signature=${SIG}`],
    ['a tab after the algorithm', `SDK-HMAC-SHA256\tAccess=AK, SignedHeaders=a;b, Signature=${SIG}`],
    ['comma without space', `SDK-HMAC-SHA256 Access=AK,SignedHeaders=a;b,Signature=${SIG}`],
    ['mixed comma spacing', `SDK-HMAC-SHA256 Access=AK,SignedHeaders=a;b, Signature=${SIG}`],
    ['several spaces after commas', `SDK-HMAC-SHA256 Access=AK,   SignedHeaders=a;b,  Signature=${SIG}`],
    ['surrounding whitespace', `  SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=${SIG}  `],
    ['fields in another order', `SDK-HMAC-SHA256 Signature=${SIG}, SignedHeaders=a;b, Access=AK`],
  ])('tolerates %s', (_label, header) => {
    const parsed = parseAuthorization(header);
    expect(parsed).toEqual({
      ok: true,
      value: { algorithm: 'SDK-HMAC-SHA256', accessKey: 'AK', scope: undefined, signedHeaders: ['a', 'b'], signature: SIG },
    });
  });

  it('round-trips what formatAuthorization writes', () => {
    const value = {
      algorithm: 'V11-HMAC-SHA256' as const,
      accessKey: 'AK',
      scope: { date: '20261123', region: 'cn-north-4', service: 'apig' },
      signedHeaders: ['host', 'x-sdk-date'],
      signature: SIG,
    };
    expect(parseAuthorization(formatAuthorization(value))).toEqual({ ok: true, value });
  });
});

describe('parseAuthorization: problems', () => {
  const cases: Array<[AuthorizationProblem, string, string]> = [
    ['empty', 'empty string', ''],
    ['empty', 'only whitespace', '   \t '],
    ['unknown-algorithm', 'AWS algorithm', `AWS4-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}`],
    ['unknown-algorithm', 'lower-case algorithm', `sdk-hmac-sha256 Access=AK, SignedHeaders=a, Signature=${SIG}`],
    [
      'unknown-algorithm',
      'SDK-ECDSA-P256-SHA256 (asymmetric, v3 SDKs only, not supported)',
      `SDK-ECDSA-P256-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}`,
    ],
    ['unknown-algorithm', 'a bearer token', 'Bearer abc'],
    ['no-fields', 'algorithm alone', 'SDK-HMAC-SHA256'],
    ['no-fields', 'algorithm and spaces', 'SDK-HMAC-SHA256   '],
    ['malformed-field', 'field without =', `SDK-HMAC-SHA256 Access, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-field', 'field starting with =', `SDK-HMAC-SHA256 =AK, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-field', 'trailing comma', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG},`],
    ['unknown-field', 'extra field', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}, Nonce=1`],
    ['unknown-field', 'lower-case field name', `SDK-HMAC-SHA256 access=AK, SignedHeaders=a, Signature=${SIG}`],
    ['unknown-field', 'Credential on SDK-HMAC-SHA256', `SDK-HMAC-SHA256 Credential=AK, SignedHeaders=a, Signature=${SIG}`],
    ['unknown-field', 'Access on V11-HMAC-SHA256', `V11-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}`],
    ['duplicate-field', 'Access twice', `SDK-HMAC-SHA256 Access=AK, Access=AK2, SignedHeaders=a, Signature=${SIG}`],
    ['duplicate-field', 'Signature twice', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}, Signature=${SIG}`],
    ['missing-access', 'no Access field', `SDK-HMAC-SHA256 SignedHeaders=a, Signature=${SIG}`],
    ['missing-access', 'empty Access', `SDK-HMAC-SHA256 Access=, SignedHeaders=a, Signature=${SIG}`],
    ['missing-access', 'no Credential field (V11)', `V11-HMAC-SHA256 SignedHeaders=a, Signature=${SIG}`],
    ['missing-signed-headers', 'no SignedHeaders field', `SDK-HMAC-SHA256 Access=AK, Signature=${SIG}`],
    ['missing-signed-headers', 'empty SignedHeaders', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=, Signature=${SIG}`],
    ['missing-signed-headers', 'space-separated fields (one long Access value)', `SDK-HMAC-SHA256 Access=AK SignedHeaders=a Signature=${SIG}`],
    ['missing-signature', 'no Signature field', 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=a'],
    ['missing-signature', 'empty Signature', 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature='],
    ['malformed-credential-scope', 'Credential without scope', `V11-HMAC-SHA256 Credential=AK, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-credential-scope', 'scope missing service', `V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-credential-scope', 'scope with an extra part', `V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4/apig/x, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-credential-scope', 'scope date not 8 digits', `V11-HMAC-SHA256 Credential=AK/2026-11-23/cn-north-4/apig, SignedHeaders=a, Signature=${SIG}`],
    [
      'malformed-credential-scope',
      'full X-Sdk-Date as scope date',
      `V11-HMAC-SHA256 Credential=AK/20261123T000000Z/cn-north-4/apig, SignedHeaders=a, Signature=${SIG}`,
    ],
    ['malformed-credential-scope', 'empty access key in Credential', `V11-HMAC-SHA256 Credential=/20261123/cn-north-4/apig, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-credential-scope', 'empty region', `V11-HMAC-SHA256 Credential=AK/20261123//apig, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-credential-scope', 'empty service', `V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4/, SignedHeaders=a, Signature=${SIG}`],
    ['malformed-signed-headers', 'upper-case header name', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host;x-sdk-date, Signature=${SIG}`],
    ['malformed-signed-headers', 'empty entry', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x-sdk-date, Signature=${SIG}`],
    ['malformed-signed-headers', 'trailing ;', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;, Signature=${SIG}`],
    ['malformed-signed-headers', 'space in a name', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host x, Signature=${SIG}`],
    ['malformed-signed-headers', 'colon in a name', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host:443, Signature=${SIG}`],
    ['repeated-signed-header', 'a name listed twice', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date;host, Signature=${SIG}`],
    [
      'repeated-signed-header',
      'the same name next to itself (V11)',
      `V11-HMAC-SHA256 Credential=AK/20261123/cn-north-4/apig, SignedHeaders=a;a, Signature=${SIG}`,
    ],
    ['malformed-signature', 'upper-case hex', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG.toUpperCase()}`],
    ['malformed-signature', '63 hex characters', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG.slice(1)}`],
    ['malformed-signature', '65 hex characters', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG}0`],
    ['malformed-signature', 'non-hex character', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature=${SIG.slice(1)}g`],
    ['malformed-signature', 'quoted value', `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a, Signature="${SIG}"`],
  ];

  it.each(cases)('returns %s for %s', (problem, _label, header) => {
    const parsed = parseAuthorization(header);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toBe(problem);
      expect(parsed.message).not.toBe('');
    }
  });

  it('has a case for every member of AuthorizationProblem', () => {
    const all: Record<AuthorizationProblem, true> = {
      empty: true,
      'unknown-algorithm': true,
      'no-fields': true,
      'malformed-field': true,
      'unknown-field': true,
      'duplicate-field': true,
      'missing-access': true,
      'missing-signed-headers': true,
      'missing-signature': true,
      'malformed-credential-scope': true,
      'malformed-signed-headers': true,
      'repeated-signed-header': true,
      'malformed-signature': true,
    };
    expect(new Set(cases.map(([problem]) => problem))).toEqual(new Set(Object.keys(all)));
  });
});

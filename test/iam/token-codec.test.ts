import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/mock/iam/token-claims.ts';
import { issueToken, readToken } from '../../src/mock/iam/token-codec.ts';

const KEY = 'apig-kit-test-token-key-0001';
const OTHER_KEY = 'apig-kit-test-token-key-0002';
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 500);
const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const projectClaims: TokenClaims = {
  userId: '0f3d9a5c7b1e4a2d8c6b0e9f1a2b3c4d',
  userName: 'demo-user',
  domainId: '5b7e1c2d3a4f40e8a9b8c7d6e5f4a3b2',
  domainName: 'apigkit-demo',
  scope: { kind: 'project', projectId: '9c8b7a6f5e4d4c3b2a1f0e9d8c7b6a50', projectName: 'cn-north-4' },
  methods: ['password'],
  issuedAt: Date.UTC(2026, 10, 23, 9, 15, 0, 701),
  expiresAt: Date.UTC(2026, 10, 24, 9, 15, 0, 701),
};
const domainClaims: TokenClaims = { ...projectClaims, scope: { kind: 'domain' } };
const token = issueToken(projectClaims, KEY);

/** The layout token-codec.ts documents, built here by hand to reach the checks after the MAC. */
function handMadeToken(claimsText: string, key: string): string {
  const claims = Buffer.from(claimsText, 'utf8');
  const filler = Buffer.alloc(600, 0x5a);
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  const prefixed = (tag: number, length: number) => Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  const contentLength = oid.length + 4 + claims.length + 4 + filler.length + 2 + 32;
  const signed = Buffer.concat([
    prefixed(0x30, contentLength),
    oid,
    prefixed(0x04, claims.length),
    claims,
    prefixed(0x04, filler.length),
    filler,
    Buffer.from([0x04, 0x20]),
  ]);
  return Buffer.concat([signed, createHmac('sha256', key).update(signed).digest()]).toString('base64');
}

describe('issueToken / readToken round trip', () => {
  it('gives back the project-scoped claims it was given', () => {
    expect(readToken(token, KEY)).toEqual({ ok: true, claims: projectClaims });
  });

  it('gives back domain-scoped claims', () => {
    expect(readToken(issueToken(domainClaims, KEY), KEY)).toEqual({ ok: true, claims: domainClaims });
  });

  it('is deterministic, and different claims give a different token', () => {
    expect(issueToken(projectClaims, KEY)).toBe(token);
    expect(issueToken({ ...projectClaims, expiresAt: projectClaims.expiresAt + 1 }, KEY)).not.toBe(token);
    expect(issueToken(projectClaims, OTHER_KEY)).not.toBe(token);
  });

  it('keeps properties that are not claims out of the token', () => {
    const withExtra = { ...projectClaims, password: 'Demo-Passw0rd!' } as TokenClaims;
    expect(issueToken(withExtra, KEY)).toBe(token);
    expect(Buffer.from(token, 'base64').toString('latin1')).not.toContain('Demo-Passw0rd!');
  });

  it('refuses claims too large for a two-byte DER length', () => {
    expect(() => issueToken({ ...projectClaims, userName: 'x'.repeat(20_000) }, KEY)).toThrow(RangeError);
  });
});

describe('token shape', () => {
  it('looks like a real IAM PKI token: "MII", canonical base64, a few KB', () => {
    expect(token.startsWith('MII')).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(token.length).toBeGreaterThanOrEqual(2000);
    expect(token.length).toBeLessThanOrEqual(4000);
    expect(token.length).toBe(3200);
  });

  it('decodes to a DER SEQUENCE with a two-byte length that covers the rest exactly', () => {
    const blob = Buffer.from(token, 'base64');
    expect([blob[0], blob[1]]).toEqual([0x30, 0x82]);
    expect(blob[2]).toBeLessThan(0x40);
    expect(blob.readUInt16BE(2)).toBe(blob.length - 4);
    // pkcs7-signedData, as in real tokens: "MII…YJKoZIhvcNAQcC"
    expect(token.slice(6, 20)).toBe('YJKoZIhvcNAQcC');
  });

  it('stays a few KB long for short and long names alike', () => {
    const long = issueToken({ ...domainClaims, userName: 'u'.repeat(1500) }, KEY);
    expect(long.startsWith('MII')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(readToken(long, KEY).ok).toBe(true);
  });
});

describe('tampering', () => {
  it('refuses a token changed in any single character', () => {
    const accepted: number[] = [];
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      if (readToken(tampered, KEY).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a token changed in any single byte', () => {
    const blob = Buffer.from(token, 'base64');
    const accepted: number[] = [];
    for (let i = 0; i < blob.length; i++) {
      const copy = Buffer.from(blob);
      copy[i] = (copy[i] as number) ^ 0x01;
      if (readToken(copy.toString('base64'), KEY).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('calls changed claims inside an intact layout forged', () => {
    const blob = Buffer.from(token, 'base64');
    const at = blob.indexOf('demo-user');
    expect(at).toBeGreaterThan(0);
    blob.write('root-user', at, 'latin1');
    expect(readToken(blob.toString('base64'), KEY)).toEqual({ ok: false, problem: 'forged' });
  });

  it('calls a token from another key forged', () => {
    expect(readToken(issueToken(projectClaims, OTHER_KEY), KEY)).toEqual({ ok: false, problem: 'forged' });
    expect(readToken(token, OTHER_KEY)).toEqual({ ok: false, problem: 'forged' });
  });

  it('calls a correctly MACed token with unreadable claims malformed', () => {
    expect(readToken(handMadeToken(JSON.stringify(projectClaims), KEY), KEY)).toEqual({ ok: true, claims: projectClaims });
    expect(readToken(handMadeToken('not json', KEY), KEY)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(handMadeToken(JSON.stringify({ ...projectClaims, issuedAt: '2026' }), KEY), KEY)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(handMadeToken(JSON.stringify({ ...projectClaims, scope: { kind: 'system' } }), KEY), KEY)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(handMadeToken(JSON.stringify({ ...projectClaims, expiresAt: 1e300 }), KEY), KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses every truncation and any appended data as malformed', () => {
    for (let length = 0; length < token.length; length += 4) {
      expect(readToken(token.slice(0, length), KEY)).toEqual({ ok: false, problem: 'malformed' });
    }
    expect(readToken(`${token}AAAA`, KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses a non-canonical base64 spelling of the same bytes', () => {
    const claimsText = JSON.stringify(projectClaims);
    const padded = [0, 1, 2].map((spaces) => handMadeToken(claimsText + ' '.repeat(spaces), KEY)).find((text) => text.endsWith('='));
    expect(padded).toBeDefined();
    const good = padded as string;
    expect(readToken(good, KEY)).toEqual({ ok: true, claims: projectClaims });
    const lastDataChar = good.replace(/=+$/, '').length - 1;
    // The last data character carries unused low bits: setting one keeps the bytes but not the spelling.
    const respelled = good.slice(0, lastDataChar) + BASE64_CHARS[BASE64_CHARS.indexOf(good[lastDataChar] as string) + 1] + good.slice(lastDataChar + 1);
    expect(Buffer.from(respelled, 'base64').equals(Buffer.from(good, 'base64'))).toBe(true);
    expect(readToken(respelled, KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses re-encodings of a good token', () => {
    expect(token).toMatch(/[+/]/);
    const urlSafe = token.replace(/\+/g, '-').replace(/\//g, '_');
    const pem = token.match(/.{1,64}/g)?.join('\n') ?? '';
    const reencodings = [urlSafe, pem, ` ${token}`, `${token}\n`, token.toLowerCase(), `${token}==`, token.slice(0, -1)];
    for (const text of reencodings) expect(readToken(text, KEY)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('garbage', () => {
  const garbage = [
    '',
    'MII',
    'MIIA',
    '====',
    'not base64!',
    'Bearer x',
    '\u0000',
    'MIIé中文😀',
    'A'.repeat(10 * 1024 * 1024),
    Buffer.alloc(2400).toString('base64'),
  ];

  it.each(garbage.map((text) => [text.slice(0, 16), text]))('refuses %j as malformed', (_label, text) => {
    expect(readToken(text, KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses values that are not strings at all without throwing', () => {
    for (const value of [undefined, null, 42, {}, []]) expect(readToken(value as unknown as string, KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('never throws and never accepts arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 5000 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expect(readToken(text, KEY).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws and never accepts arbitrary base64 blobs, even with the right header', () => {
    const blobArb = fc.uint8Array({ maxLength: 4000 }).map((bytes) => {
      const blob = Buffer.from(bytes);
      if (blob.length >= 4) blob.set([0x30, 0x82, ((blob.length - 4) >> 8) & 0x3f, (blob.length - 4) & 0xff]);
      return blob.toString('base64');
    });
    fc.assert(
      fc.property(blobArb, (text) => {
        expect(readToken(text, KEY).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every random edit of a good token', () => {
    const editArb = fc.record({
      at: fc.nat({ max: token.length - 1 }),
      remove: fc.nat({ max: 8 }),
      insert: fc.string({ unit: fc.constantFrom(...BASE64_CHARS, '=', '-', '_', ' ', 'é'), maxLength: 8 }),
    });
    fc.assert(
      fc.property(editArb, ({ at, remove, insert }) => {
        const edited = token.slice(0, at) + insert + token.slice(at + remove);
        fc.pre(edited !== token);
        expect(readToken(edited, KEY).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

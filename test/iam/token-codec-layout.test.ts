/**
 * The token layout token-codec.ts documents (SEQUENCE 30 82 LL LL; the pkcs7-signedData OID;
 * OCTET STRING claims; OCTET STRING filler; OCTET STRING 04 20 MAC), checked byte by byte: a
 * change to the structure is "malformed" before any MAC is computed, a change to the MACed
 * content is "forged", and claims are only trusted when every field has its type.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/mock/iam/token-claims.ts';
import { issueToken, readToken } from '../../src/mock/iam/token-codec.ts';

const KEY = 'apig-kit-layout-test-key-0001';
const CLAIMS: TokenClaims = {
  userId: 'u1',
  userName: 'layout-user',
  domainId: 'd1',
  domainName: 'layout-account',
  scope: { kind: 'project', projectId: 'p1', projectName: 'cn-north-4' },
  methods: ['password'],
  issuedAt: Date.UTC(2026, 10, 23),
  expiresAt: Date.UTC(2026, 10, 24),
};

/** Where each part of the documented layout lies in `blob`. */
function layout(blob: Buffer) {
  const claimsHeader = 4 + 11;
  const claimsLength = blob.readUInt16BE(claimsHeader + 2);
  const fillerHeader = claimsHeader + 4 + claimsLength;
  const fillerLength = blob.readUInt16BE(fillerHeader + 2);
  const macHeader = fillerHeader + 4 + fillerLength;
  return { claimsHeader, claimsLength, fillerHeader, fillerLength, macHeader, macStart: macHeader + 2 };
}

/** The same layout by hand, for claims the issuer would never write. */
function tokenWithClaims(claims: unknown): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8');
  const prefixed = (tag: number, length: number) => Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  const filler = Buffer.alloc(300, 0x41);
  const content = oid.length + 4 + body.length + 4 + filler.length + 2 + 32;
  const signed = Buffer.concat([
    prefixed(0x30, content),
    oid,
    prefixed(0x04, body.length),
    body,
    prefixed(0x04, filler.length),
    filler,
    Buffer.from([0x04, 0x20]),
  ]);
  const blob = Buffer.concat([signed, createHmac('sha256', KEY).update(signed).digest()]);
  // Keep the text canonical base64 (no padding quirks): pad the filler until the blob is a multiple of 3.
  return blob.length % 3 === 0 ? blob.toString('base64') : tokenWithClaims({ ...(claims as object), pad: 'x'.repeat(3 - (blob.length % 3)) });
}

const token = issueToken(CLAIMS, KEY);

describe('every byte of a token has its role', () => {
  it('a change to the structure is malformed, a change to the MACed content forged', () => {
    const blob = Buffer.from(token, 'base64');
    const parts = layout(blob);
    const expected = (i: number): string => {
      if (i < parts.claimsHeader + 4) return 'malformed'; // SEQUENCE header, OID, claims header
      if (i < parts.fillerHeader) return 'forged'; // claims
      if (i < parts.fillerHeader + 4) return 'malformed';
      if (i < parts.macHeader) return 'forged'; // filler
      if (i < parts.macStart) return 'malformed';
      return 'forged'; // the MAC itself
    };
    const wrong: string[] = [];
    for (let i = 0; i < blob.length; i++) {
      const copy = Buffer.from(blob);
      copy[i] = copy[i]! ^ 0x01;
      const reading = readToken(copy.toString('base64'), KEY);
      const problem = reading.ok ? 'accepted' : reading.problem;
      if (problem !== expected(i)) wrong.push(`${i}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a token cut short, missing bytes inside, or with bytes appended is malformed', () => {
    const blob = Buffer.from(token, 'base64');
    const short = Buffer.concat([blob.subarray(0, 2), blob.subarray(4)]);
    expect(readToken(blob.subarray(0, blob.length - 3).toString('base64'), KEY)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(short.toString('base64'), KEY)).toEqual({ ok: false, problem: 'malformed' });
    expect(readToken(Buffer.concat([blob, Buffer.alloc(3)]).toString('base64'), KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('a claims length reaching past the end is malformed', () => {
    const blob = Buffer.from(token, 'base64');
    const parts = layout(blob);
    blob.writeUInt16BE(blob.length, parts.claimsHeader + 2);
    expect(readToken(blob.toString('base64'), KEY)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('issued tokens', () => {
  it('are whole base64 quanta (no "=") for claims of every length', () => {
    for (let extra = 0; extra < 12; extra++) {
      const issued = issueToken({ ...CLAIMS, userName: `u${'x'.repeat(extra)}` }, KEY);
      expect(issued).not.toContain('=');
      expect(issued.length % 4).toBe(0);
      expect(readToken(issued, KEY)).toEqual({ ok: true, claims: { ...CLAIMS, userName: `u${'x'.repeat(extra)}` } });
    }
  });

  it('refuse claims too large, saying how large', () => {
    expect(() => issueToken({ ...CLAIMS, userName: 'x'.repeat(20_000) }, KEY)).toThrow(/^token claims too large: \d+ bytes$/);
  });
});

describe('claims are trusted only when every field has its type', () => {
  it('accepts the hand-made layout with good claims', () => {
    expect(readToken(tokenWithClaims(CLAIMS), KEY)).toMatchObject({ ok: true, claims: CLAIMS });
  });

  it.each([
    ['userId a number', { userId: 42 }],
    ['userName missing', { userName: undefined }],
    ['domainId null', { domainId: null }],
    ['domainName an object', { domainName: {} }],
    ['methods a string', { methods: 'password' }],
    ['a method that is not a string', { methods: ['password', 1] }],
    ['expiresAt past what a Date can hold', { expiresAt: 9e15 }],
    ['issuedAt a fraction', { issuedAt: 1.5 }],
    ['a project scope without its name', { scope: { kind: 'project', projectId: 'p1' } }],
  ])('refuses %s as malformed', (_label, change) => {
    expect(readToken(tokenWithClaims({ ...CLAIMS, ...change }), KEY)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('accepts times up to ±8.64e15 ms, the range of a Date', () => {
    expect(readToken(tokenWithClaims({ ...CLAIMS, expiresAt: 8.64e15 }), KEY)).toMatchObject({ ok: true });
    expect(readToken(tokenWithClaims({ ...CLAIMS, issuedAt: -8.64e15 }), KEY)).toMatchObject({ ok: true });
  });
});

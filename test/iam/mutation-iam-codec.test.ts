/**
 * The token layout at its edges (token-codec.ts): claims so long that the filler is at its minimum
 * still give whole base64 quanta (no "="); the SEQUENCE's two-byte length goes up to 0x3fff
 * ("LL < 0x4000"), not one byte more; and the MAC is exactly the 32 bytes at the end: anything
 * after it, even inside the announced length, makes the token malformed (it never throws).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/mock/iam/token-claims.ts';
import { issueToken, readToken } from '../../src/mock/iam/token-codec.ts';

const KEY = 'apig-kit-codec-edges-key-0001';
const CLAIMS: TokenClaims = {
  userId: 'u1',
  userName: 'edge-user',
  domainId: 'd1',
  domainName: 'edge-account',
  scope: { kind: 'domain' },
  methods: ['password'],
  issuedAt: Date.UTC(2026, 10, 23),
  expiresAt: Date.UTC(2026, 10, 24),
};

const OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const prefixed = (tag: number, length: number) => Buffer.from([tag, 0x82, length >> 8, length & 0xff]);

/** The documented layout by hand, with a valid MAC: `content` bytes after the SEQUENCE header, `trailing` after the MAC. */
function handMade(content: number, trailing = 0): string {
  const claims = Buffer.from(JSON.stringify(CLAIMS), 'utf8');
  const fillerLength = content - trailing - OID.length - 4 - claims.length - 4 - 2 - 32;
  const signed = Buffer.concat([
    prefixed(0x30, content),
    OID,
    prefixed(0x04, claims.length),
    claims,
    prefixed(0x04, fillerLength),
    Buffer.alloc(fillerLength, 0x5a),
    Buffer.from([0x04, 0x20]),
  ]);
  return Buffer.concat([signed, createHmac('sha256', KEY).update(signed).digest(), Buffer.alloc(trailing, 0x01)]).toString('base64');
}

describe('issued tokens with long claims (the filler at its minimum)', () => {
  it('are whole base64 quanta, with no "=", for every claims length', () => {
    for (let extra = 0; extra < 6; extra++) {
      const claims = { ...CLAIMS, userName: 'n'.repeat(3000 + extra) };
      const issued = issueToken(claims, KEY);
      expect(issued, `userName of ${3000 + extra}`).not.toContain('=');
      expect(Buffer.from(issued, 'base64').length % 3).toBe(0);
      expect(readToken(issued, KEY)).toEqual({ ok: true, claims });
    }
  });
});

describe('the SEQUENCE length', () => {
  it('of 0x3fff, the largest a token may have, is read', () => {
    expect(readToken(handMade(0x3fff), KEY)).toEqual({ ok: true, claims: CLAIMS });
  });

  it('of 0x4000 is malformed, even with a valid MAC', () => {
    expect(readToken(handMade(0x4000), KEY)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('the MAC', () => {
  it('must end the token: bytes after it, inside the announced length, are malformed', () => {
    expect(readToken(handMade(600), KEY)).toMatchObject({ ok: true });
    for (const trailing of [1, 3, 32])
      expect(readToken(handMade(600, trailing), KEY), `${trailing} bytes after the MAC`).toEqual({ ok: false, problem: 'malformed' });
  });
});

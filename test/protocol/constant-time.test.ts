import { describe, expect, it } from 'vitest';
import { constantTimeEqual, signaturesEqual } from '../../src/protocol/index.ts';

const HEX = 'a'.repeat(63) + 'b';

describe('signaturesEqual', () => {
  it('is true only for the same text', () => {
    expect(signaturesEqual(HEX, HEX)).toBe(true);
    expect(signaturesEqual(HEX, 'a'.repeat(64))).toBe(false);
    expect(signaturesEqual('', '')).toBe(true);
  });

  it('is false for a shorter or longer signature, without throwing', () => {
    expect(signaturesEqual(HEX, HEX.slice(0, 63))).toBe(false);
    expect(signaturesEqual(HEX, `${HEX}0`)).toBe(false);
    expect(signaturesEqual(HEX, '')).toBe(false);
  });

  it('compares the UTF-8 bytes, so characters that share a low byte do not match', () => {
    // U+0161 and "a" (0x61) are the same byte in latin1.
    expect(signaturesEqual(HEX, `${'a'.repeat(62)}\u0161b`)).toBe(false);
    // Same length in characters, more bytes in UTF-8.
    expect(signaturesEqual(HEX, `${'a'.repeat(63)}\u00e9`)).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares texts of any lengths', () => {
    expect(constantTimeEqual('password', 'password')).toBe(true);
    expect(constantTimeEqual('password', 'passwore')).toBe(false);
    expect(constantTimeEqual('password', 'password1')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

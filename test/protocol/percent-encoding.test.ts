import { describe, expect, it } from 'vitest';
import { percentDecodeToBytes, uriEncode, uriEncodeBytes } from '../../src/protocol/percent-encoding.ts';

// signing.md §1.3 "Percent-encoding (URI-encode)": UTF-8 bytes, unreserved A–Z a–z 0–9 - _ . ~
// kept, every other byte %XY with upper-case hex.

describe('uriEncode', () => {
  it('keeps every unreserved character as is', () => {
    const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
    expect(uriEncode(unreserved)).toBe(unreserved);
  });

  it('returns the empty string for the empty string', () => {
    expect(uriEncode('')).toBe('');
  });

  it.each([
    [' ', '%20'],
    ['+', '%2B'],
    ['*', '%2A'],
    ['/', '%2F'],
    ['%', '%25'],
    ['=', '%3D'],
    ['&', '%26'],
    ['?', '%3F'],
    ['#', '%23'],
    [':', '%3A'],
    ['!', '%21'],
    ["'", '%27'],
    ['(', '%28'],
    [')', '%29'],
    [',', '%2C'],
    [';', '%3B'],
    ['@', '%40'],
    ['"', '%22'],
  ])('encodes reserved/special %j as %s', (input, expected) => {
    expect(uriEncode(input)).toBe(expected);
  });

  it('encodes a space as %20, never +', () => {
    expect(uriEncode('a b')).toBe('a%20b');
  });

  it('keeps ~ (does not write %7E)', () => {
    expect(uriEncode('~user')).toBe('~user');
  });

  it('encodes the UTF-8 bytes of a non-ASCII character: é → %C3%A9', () => {
    expect(uriEncode('é')).toBe('%C3%A9');
  });

  it('encodes a 4-byte UTF-8 character byte by byte', () => {
    // U+1F600 = F0 9F 98 80 in UTF-8
    expect(uriEncode('\u{1F600}')).toBe('%F0%9F%98%80');
  });

  it('writes hex digits in upper case', () => {
    // U+00FF = C3 BF; control byte 0x1F; DEL 0x7F
    expect(uriEncode('ÿ\x1f\x7f')).toBe('%C3%BF%1F%7F');
  });

  it('matches the Go SDK vector 一 (&=?!#%.*)', () => {
    expect(uriEncode('一 (&=?!#%.*)')).toBe('%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
  });
});

describe('uriEncodeBytes', () => {
  it('encodes arbitrary bytes, including ones that are not valid UTF-8', () => {
    expect(uriEncodeBytes(new Uint8Array([0x00, 0x41, 0xff, 0x7e, 0x80]))).toBe('%00A%FF~%80');
  });

  it('returns the empty string for no bytes', () => {
    expect(uriEncodeBytes(new Uint8Array())).toBe('');
  });
});

describe('percentDecodeToBytes', () => {
  const text = (bytes: Buffer) => bytes.toString('latin1');

  it('decodes upper- and lower-case hex escapes', () => {
    expect([...percentDecodeToBytes('%C3%a9')]).toEqual([0xc3, 0xa9]);
  });

  it('leaves characters without escapes untouched', () => {
    expect(text(percentDecodeToBytes('abc-_.~'))).toBe('abc-_.~');
  });

  it('returns raw bytes, so invalid UTF-8 survives', () => {
    expect([...percentDecodeToBytes('%FF%FE')]).toEqual([0xff, 0xfe]);
  });

  it('keeps a % that is not followed by two hex digits', () => {
    expect(text(percentDecodeToBytes('100%'))).toBe('100%');
    expect(text(percentDecodeToBytes('%4'))).toBe('%4');
    expect(text(percentDecodeToBytes('%zz'))).toBe('%zz');
  });

  it('decodes an escape that ends the string', () => {
    expect(text(percentDecodeToBytes('a%41'))).toBe('aA');
  });

  it('keeps + as a literal plus by default', () => {
    expect(text(percentDecodeToBytes('a+b'))).toBe('a+b');
  });

  it('reads + as a space when asked to', () => {
    expect(text(percentDecodeToBytes('a+b', true))).toBe('a b');
  });

  it('never turns an encoded %2B into a space, even in plus-as-space mode', () => {
    expect(text(percentDecodeToBytes('a%2Bb', true))).toBe('a+b');
  });

  it('encodes the UTF-8 of non-ASCII input before decoding', () => {
    expect([...percentDecodeToBytes('é')]).toEqual([0xc3, 0xa9]);
  });

  it('round-trips through uriEncodeBytes to the canonical upper-case form', () => {
    expect(uriEncodeBytes(percentDecodeToBytes('%e4%b8%80%20x~%7e'))).toBe('%E4%B8%80%20x~~');
  });
});

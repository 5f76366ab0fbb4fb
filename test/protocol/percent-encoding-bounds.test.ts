/**
 * The edges of percent-decoding (signing.md §1.3: the gateway percent-decodes the wire path and
 * query, then URI-encodes with the unreserved set and upper-case hex): which characters are hex
 * digits, escapes at the end of the text, control bytes, and the classic encoded slash. Both
 * decoders (to a Buffer, and to a latin1 byte string for the query) must agree on every case.
 */
import { describe, expect, it } from 'vitest';
import { percentDecodeToBytes, percentDecodeToByteString, uriEncodeBytes, uriEncodeByteString } from '../../src/protocol/percent-encoding.ts';

const decoders = [
  ['percentDecodeToBytes', (text: string, plus?: boolean) => [...percentDecodeToBytes(text, plus)]],
  ['percentDecodeToByteString', (text: string, plus?: boolean) => [...percentDecodeToByteString(text, plus)].map((c) => c.charCodeAt(0))],
] as const;

const bytesOf = (text: string) => [...Buffer.from(text, 'latin1')];

describe.each(decoders)('%s', (_, decode) => {
  it.each([
    ['%00', [0x00]],
    ['%0A', [0x0a]],
    ['%0a', [0x0a]],
    ['%09', [0x09]],
    ['%2F', [0x2f]],
    ['%2f', [0x2f]],
    ['%30', [0x30]],
    ['%39', [0x39]],
    ['%9F', [0x9f]],
    ['%A0', [0xa0]],
    ['%AF', [0xaf]],
    ['%af', [0xaf]],
    ['%Ff', [0xff]],
    ['%fF', [0xff]],
    ['%7e', [0x7e]],
    ['%7E', [0x7e]],
  ])('decodes %s to %j', (text, bytes) => {
    expect(decode(text)).toEqual(bytes);
  });

  // The neighbours of each hex range: '/' before '0', ':' after '9', '@' before 'A', 'G' after 'F',
  // '`' before 'a', 'g' after 'f'. None is a hex digit, so the escape stays literal text.
  it.each(['%/0', '%:0', '%@0', '%G0', '%`0', '%g0', '%0/', '%0:', '%0@', '%0G', '%0`', '%0g', '%ZZ', '%zz', '% 1', '%-1'])(
    'keeps %j as it is: not two hex digits',
    (text) => {
      expect(decode(text)).toEqual(bytesOf(text));
    },
  );

  it('keeps a % with fewer than two characters after it, at the end of the text', () => {
    expect(decode('%')).toEqual(bytesOf('%'));
    expect(decode('a%4')).toEqual(bytesOf('a%4'));
    expect(decode('a%41')).toEqual(bytesOf('aA'));
  });

  it('decodes escapes back to back, and a % right after an escape', () => {
    expect(decode('%41%42%43')).toEqual(bytesOf('ABC'));
    expect(decode('%25%41')).toEqual(bytesOf('%A'));
    expect(decode('%%41')).toEqual(bytesOf('%A'));
  });

  it('reads + as a space only when asked, and never an encoded %2B', () => {
    expect(decode('a+b')).toEqual(bytesOf('a+b'));
    expect(decode('a+b', true)).toEqual(bytesOf('a b'));
    expect(decode('%2B+', true)).toEqual(bytesOf('+ '));
  });

  it('decodes non-ASCII input to its UTF-8 bytes, escapes included', () => {
    expect(decode('é%41')).toEqual([0xc3, 0xa9, 0x41]);
    expect(decode('中+', true)).toEqual([0xe4, 0xb8, 0xad, 0x20]);
    expect(decode('中')).toEqual([0xe4, 0xb8, 0xad]);
    expect(decode('é')).toEqual([0xc3, 0xa9]);
  });
});

describe('uriEncodeByteString', () => {
  it('encodes each latin1 byte as uriEncodeBytes does', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(uriEncodeByteString(all.toString('latin1'))).toBe(uriEncodeBytes(all));
  });

  it('keeps the unreserved set and writes upper-case hex', () => {
    expect(uriEncodeByteString('aZ09-_.~')).toBe('aZ09-_.~');
    expect(uriEncodeByteString('/\u0000\n\u00ff ')).toBe('%2F%00%0A%FF%20');
  });
});

describe('uriEncodeBytes', () => {
  it('writes every byte outside the unreserved set as %XY, two upper-case hex digits', () => {
    const unreserved = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~');
    for (let byte = 0; byte < 256; byte++) {
      const char = String.fromCharCode(byte);
      const expected = unreserved.has(char) ? char : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`;
      expect(uriEncodeBytes(Uint8Array.of(byte))).toBe(expected);
    }
  });
});

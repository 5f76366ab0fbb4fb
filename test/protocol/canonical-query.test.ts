import { describe, expect, it } from 'vitest';
import { canonicalQuery, parseWireQuery } from '../../src/protocol/canonical/query.ts';

// signing.md §1.3 "Canonical query string".

describe('canonicalQuery', () => {
  it('is empty for no query', () => {
    expect(canonicalQuery('')).toBe('');
  });

  it('matches the official doc vector', () => {
    expect(canonicalQuery('limit=2&marker=13551d6b-755d-4757-b956-536f674975c0')).toBe('limit=2&marker=13551d6b-755d-4757-b956-536f674975c0');
  });

  it('ignores a leading ?', () => {
    expect(canonicalQuery('?b=2&a=1')).toBe('a=1&b=2');
  });

  it('sorts by key', () => {
    expect(canonicalQuery('marker=x&limit=2')).toBe('limit=2&marker=x');
  });

  it('sorts in character-code order, so F... comes before b...', () => {
    expect(canonicalQuery('b=1&F=2')).toBe('F=2&b=1');
  });

  it('writes a bare key as key= (Go v3 sends ?flag but signs flag=)', () => {
    expect(canonicalQuery('flag')).toBe('flag=');
  });

  it('keeps the = of an empty value', () => {
    expect(canonicalQuery('parm2=&parm1=value1')).toBe('parm1=value1&parm2=');
  });

  it.each([
    ['=v&a=1', 'a=1'],
    ['a=1&&b=2', 'a=1&b=2'],
    ['&a=1&', 'a=1'],
    ['=', ''],
    ['&', ''],
  ])('drops items whose key is empty: %j → %j', (query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
  });

  it('emits a repeated key once per value, values sorted', () => {
    expect(canonicalQuery('a=2&a=1&a=10')).toBe('a=1&a=10&a=2');
  });

  it('sorts repeated values in character-code order (B before b)', () => {
    expect(canonicalQuery('k=b&k=B')).toBe('k=B&k=b');
  });

  it('keeps identical repeated pairs', () => {
    expect(canonicalQuery('a=1&a=1')).toBe('a=1&a=1');
  });

  it('splits each item on the first = only', () => {
    expect(canonicalQuery('a=b=c')).toBe('a=b%3Dc');
  });

  it('re-encodes the Go SDK vector value unchanged', () => {
    const value = '%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29';
    expect(canonicalQuery(`q=${value}`)).toBe(`q=${value}`);
  });

  it('normalises lower-case escapes and decodes unreserved ones', () => {
    expect(canonicalQuery('name=caf%c3%a9&t=%7E')).toBe('name=caf%C3%A9&t=~');
  });

  it('encodes characters the wire left raw', () => {
    expect(canonicalQuery('p=/a b*(é)')).toBe('p=%2Fa%20b%2A%28%C3%A9%29');
  });

  it('encodes keys as well as values', () => {
    expect(canonicalQuery('a%20b=1')).toBe('a%20b=1');
    expect(canonicalQuery('a*=1')).toBe('a%2A=1');
  });

  it('reads a raw + as a literal plus by default (→ %2B)', () => {
    expect(canonicalQuery('a=b+c')).toBe('a=b%2Bc');
  });

  it('reads a raw + as a space with plus: space (→ %20)', () => {
    expect(canonicalQuery('a=b+c', { plus: 'space' })).toBe('a=b%20c');
  });

  it('keeps an encoded %2B a plus in either plus mode', () => {
    expect(canonicalQuery('a=b%2Bc', { plus: 'space' })).toBe('a=b%2Bc');
    expect(canonicalQuery('a=b%2Bc')).toBe('a=b%2Bc');
  });

  it('sorts on the decoded key by default: "a." (2E) before "a/" (2F)', () => {
    expect(canonicalQuery('a%2F=1&a.=2')).toBe('a.=2&a%2F=1');
  });

  it('sorts on the encoded key with sort: encoded (Java v3): "a%2F" before "a."', () => {
    expect(canonicalQuery('a%2F=1&a.=2', { sort: 'encoded' })).toBe('a%2F=1&a.=2');
  });

  it('sorts non-ASCII keys after ASCII ones by default (UTF-8 byte order)', () => {
    expect(canonicalQuery('%C3%A9=1&z=2')).toBe('z=2&%C3%A9=1');
  });

  it('sorts non-ASCII keys first with sort: encoded ("%" < "z")', () => {
    expect(canonicalQuery('z=2&%C3%A9=1', { sort: 'encoded' })).toBe('%C3%A9=1&z=2');
  });

  it('sorts a key before its extension ("a" before "ab")', () => {
    expect(canonicalQuery('ab=1&a=2')).toBe('a=2&ab=1');
  });
});

describe('parseWireQuery', () => {
  it('returns decoded bytes and their canonical encodings', () => {
    const [pair, ...rest] = parseWireQuery('caf%c3%a9=a%20b');
    expect(rest).toEqual([]);
    expect([...pair!.key]).toEqual([0x63, 0x61, 0x66, 0xc3, 0xa9]);
    expect(pair!.value.toString('utf8')).toBe('a b');
    expect(pair!.encodedKey).toBe('caf%C3%A9');
    expect(pair!.encodedValue).toBe('a%20b');
  });

  it('keeps wire order (sorting is canonicalQuery’s job)', () => {
    expect(parseWireQuery('b=1&a=2').map((p) => p.encodedKey)).toEqual(['b', 'a']);
  });
});

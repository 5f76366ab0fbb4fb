import { describe, expect, it } from 'vitest';
import { canonicalHeaders, headerValue, normalizeHeaders, trimHeaderValue } from '../../src/protocol/canonical/headers.ts';

// signing.md §1.3 "Canonical headers": lowercase(name) + ":" + trim(value) + "\n", in the order
// of the signed-headers list; trim removes leading/trailing whitespace only.

const map = (entries: Array<[string, string[]]>) => new Map(entries);

describe('normalizeHeaders', () => {
  it('lower-cases names from a plain record', () => {
    const headers = normalizeHeaders({ 'Content-Type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' });
    expect([...headers]).toEqual([
      ['content-type', ['application/json']],
      ['x-sdk-date', ['20191115T033655Z']],
    ]);
  });

  it('merges names that differ only in case, in arrival order', () => {
    const headers = normalizeHeaders([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    expect(headers.get('x-a')).toEqual(['1', '2']);
  });

  it('accepts array values and numbers from a record, and skips undefined', () => {
    const headers = normalizeHeaders({ 'X-Multi': ['a', 'b'], 'Content-Length': 12, 'X-Gone': undefined });
    expect(headers.get('x-multi')).toEqual(['a', 'b']);
    expect(headers.get('content-length')).toEqual(['12']);
    expect(headers.has('x-gone')).toBe(false);
  });

  it('accepts a fetch Headers object', () => {
    const headers = normalizeHeaders(new Headers({ 'X-Sdk-Date': '20191115T033655Z' }));
    expect(headers.get('x-sdk-date')).toEqual(['20191115T033655Z']);
  });

  it('accepts an existing header map', () => {
    const headers = normalizeHeaders(map([['Host', ['example.com']]]));
    expect(headers.get('host')).toEqual(['example.com']);
  });

  it('returns an empty map for undefined', () => {
    expect(normalizeHeaders(undefined).size).toBe(0);
  });

  it('does not alter values (trimming is canonicalHeaders’ job)', () => {
    expect(normalizeHeaders({ 'X-A': '  v  ' }).get('x-a')).toEqual(['  v  ']);
  });
});

describe('headerValue', () => {
  it('finds the first value by any-case name', () => {
    const headers = normalizeHeaders([
      ['X-Sdk-Date', 'first'],
      ['x-sdk-date', 'second'],
    ]);
    expect(headerValue(headers, 'X-SDK-DATE')).toBe('first');
  });

  it('is undefined for an absent header', () => {
    expect(headerValue(normalizeHeaders({}), 'host')).toBeUndefined();
  });
});

describe('trimHeaderValue', () => {
  it.each([
    ['  v  ', 'v'],
    ['\tv\t', 'v'],
    [' a  b ', 'a  b'],
    ['a \t b', 'a \t b'],
    ['   ', ''],
    ['', ''],
    ['no-space', 'no-space'],
  ])('trims both ends but keeps inner whitespace: %j → %j', (value, expected) => {
    expect(trimHeaderValue(value)).toBe(expected);
  });
});

describe('canonicalHeaders', () => {
  it('matches the official doc vector header block', () => {
    const headers = normalizeHeaders({
      'Content-Type': 'application/json',
      Host: 'service.region.example.com',
      'X-Sdk-Date': '20191115T033655Z',
    });
    expect(canonicalHeaders(headers, ['content-type', 'host', 'x-sdk-date'])).toBe(
      'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
    );
  });

  it('ends every line, including the last, with \\n', () => {
    expect(canonicalHeaders(normalizeHeaders({ 'x-sdk-date': 'd' }), ['x-sdk-date'])).toBe('x-sdk-date:d\n');
  });

  it('is empty for an empty signed-headers list', () => {
    expect(canonicalHeaders(normalizeHeaders({ a: '1' }), [])).toBe('');
  });

  it('writes only the signed headers', () => {
    const headers = normalizeHeaders({ a: '1', b: '2', c: '3' });
    expect(canonicalHeaders(headers, ['a', 'c'])).toBe('a:1\nc:3\n');
  });

  it('follows the order of the signed-headers list', () => {
    const headers = normalizeHeaders({ a: '1', b: '2' });
    expect(canonicalHeaders(headers, ['b', 'a'])).toBe('b:2\na:1\n');
  });

  it('trims values at both ends and keeps inner whitespace', () => {
    const headers = normalizeHeaders({ 'X-Custom': '  a   b \t' });
    expect(canonicalHeaders(headers, ['x-custom'])).toBe('x-custom:a   b\n');
  });

  it('writes name: for a signed header the request lacks', () => {
    expect(canonicalHeaders(normalizeHeaders({}), ['x-missing'])).toBe('x-missing:\n');
  });

  it('writes an empty value as name:', () => {
    expect(canonicalHeaders(normalizeHeaders({ 'x-empty': '' }), ['x-empty'])).toBe('x-empty:\n');
  });

  it('joins repeated values with "," after trimming each (default comma rule)', () => {
    const headers = normalizeHeaders([
      ['x-a', ' 2 '],
      ['x-a', ' 1'],
    ]);
    expect(canonicalHeaders(headers, ['x-a'])).toBe('x-a:2,1\n');
  });

  it('writes one sorted line per value with the lines rule (APIG Go)', () => {
    const headers = normalizeHeaders([
      ['x-a', ' 2 '],
      ['x-a', '1'],
    ]);
    expect(canonicalHeaders(headers, ['x-a'], 'lines')).toBe('x-a:1\nx-a:2\n');
  });

  it('writes a single value as one line with the lines rule', () => {
    expect(canonicalHeaders(normalizeHeaders({ 'x-a': 'v' }), ['x-a'], 'lines')).toBe('x-a:v\n');
  });

  it('keeps the host value as sent, port included', () => {
    expect(canonicalHeaders(normalizeHeaders({ Host: 'example.com:443' }), ['host'])).toBe('host:example.com:443\n');
  });
});

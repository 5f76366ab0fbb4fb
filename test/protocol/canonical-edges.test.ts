/**
 * Edges of the canonical request (signing.md §1.3) the example-based tests leave open: one-sided
 * and control-character trimming of header values, the query's sort tie-breaks and `+` mode, and
 * how a request target is split. Expected values are written out from the rules, not computed.
 */
import { describe, expect, it } from 'vitest';
import { buildCanonicalRequest } from '../../src/protocol/canonical/index.ts';
import { canonicalHeaders, firstHeaderValue, normalizeHeaders, trimHeaderValue } from '../../src/protocol/canonical/headers.ts';
import { canonicalQuery, parseWireQuery } from '../../src/protocol/canonical/query.ts';
import { canonicalRequestText } from '../../src/protocol/canonical/request.ts';
import { splitRequestTarget } from '../../src/protocol/canonical/target.ts';
import { canonicalUri } from '../../src/protocol/canonical/uri.ts';

describe('trimHeaderValue: leading and trailing whitespace only (§1.3)', () => {
  it.each([
    ['v  ', 'v'],
    ['  v', 'v'],
    ['v\t', 'v'],
    ['\tv', 'v'],
    ['\rv\r', 'v'],
    ['v\r\n', 'v'],
    ['\nv', 'v'],
    ['\vv\v', 'v'],
    ['\fv\f', 'v'],
    [' \t\r\n\v\fv \t\r\n\v\f', 'v'],
    [' ', ''],
    ['\t', ''],
    ['a b', 'a b'],
    [' a\r\nb ', 'a\r\nb'],
  ])('%j → %j', (value, expected) => {
    expect(trimHeaderValue(value)).toBe(expected);
  });

  it.each([['\bv\b'], ['\u000ev\u000e'], ['\u001fv'], ['v\u00a0'], ['x']])('leaves %j alone: no HTTP whitespace at its ends', (value) => {
    expect(trimHeaderValue(value)).toBe(value);
  });
});

describe('canonicalHeaders', () => {
  it('trims a value on one side only when only one side has whitespace', () => {
    const headers = new Map([
      ['x-a', ['v  ']],
      ['x-b', ['  v']],
    ]);
    expect(canonicalHeaders(headers, ['x-a', 'x-b'])).toBe('x-a:v\nx-b:v\n');
  });

  it('writes name: for a name whose value list is empty, under either duplicate rule', () => {
    const headers = new Map([['x-a', [] as string[]]]);
    expect(canonicalHeaders(headers, ['x-a'], 'comma')).toBe('x-a:\n');
    expect(canonicalHeaders(headers, ['x-a'], 'lines')).toBe('x-a:\n');
  });

  it('trims every repeated value under the lines rule too, and sorts the trimmed values', () => {
    const headers = new Map([['x-a', [' b', 'a ', '\tc']]]);
    expect(canonicalHeaders(headers, ['x-a'], 'lines')).toBe('x-a:a\nx-a:b\nx-a:c\n');
    expect(canonicalHeaders(headers, ['x-a'], 'comma')).toBe('x-a:b,a,c\n');
  });
});

describe('firstHeaderValue', () => {
  it('takes the first of the names the request carries, in the order given', () => {
    const headers = normalizeHeaders({ 'X-Sdk-Content-Sha256': 'sha', 'X-Sdk-Content-Sm3': 'sm3' });
    expect(firstHeaderValue(headers, ['x-sdk-content-sm3', 'x-sdk-content-sha256'])).toBe('sm3');
    expect(firstHeaderValue(headers, ['x-sdk-content-sha256', 'x-sdk-content-sm3'])).toBe('sha');
    expect(firstHeaderValue(headers, ['x-other', 'x-sdk-content-sha256'])).toBe('sha');
    expect(firstHeaderValue(headers, ['x-other'])).toBeUndefined();
  });

  it('takes an empty value as a value', () => {
    expect(firstHeaderValue(normalizeHeaders({ 'x-a': '', 'x-b': 'b' }), ['x-a', 'x-b'])).toBe('');
  });
});

describe('normalizeHeaders', () => {
  it('reads name/value pairs and keeps every value of a repeated name', () => {
    const headers = normalizeHeaders([
      ['X-A', '1'],
      ['x-a', '2'],
      ['Host', 'h'],
    ]);
    expect([...headers]).toEqual([
      ['x-a', ['1', '2']],
      ['host', ['h']],
    ]);
  });

  it('reads only a record’s own names', () => {
    const record = Object.create({ inherited: 'no' }) as Record<string, string>;
    record['own'] = 'yes';
    expect([...normalizeHeaders(record)]).toEqual([['own', ['yes']]]);
  });
});

describe('canonicalQuery: sort order and tie-breaks (§1.3 step 3)', () => {
  it('breaks a tie on a repeated key by value, under either sort order', () => {
    expect(canonicalQuery('k=b&k=a&k=c')).toBe('k=a&k=b&k=c');
    expect(canonicalQuery('k=b&k=a&k=c', { sort: 'encoded' })).toBe('k=a&k=b&k=c');
  });

  it('sorts repeated values on their encoded text with sort: encoded (Java v3)', () => {
    // Decoded: "." (2E) < "/" (2F); encoded: "%2F" < "." because "%" (25) < "." (2E).
    expect(canonicalQuery('k=.&k=%2F')).toBe('k=.&k=%2F');
    expect(canonicalQuery('k=.&k=%2F', { sort: 'encoded' })).toBe('k=%2F&k=.');
  });

  it('sorts keys before values: a key that sorts first wins whatever its value', () => {
    expect(canonicalQuery('b=a&a=z')).toBe('a=z&b=a');
    expect(canonicalQuery('b=a&a=z', { sort: 'encoded' })).toBe('a=z&b=a');
  });

  it('keeps two identical pairs', () => {
    expect(canonicalQuery('k=v&k=v', { sort: 'encoded' })).toBe('k=v&k=v');
  });

  it('compares decoded bytes, so escaped and raw spellings of a value sort together', () => {
    expect(canonicalQuery('k=%62&k=a&k=c')).toBe('k=a&k=b&k=c');
  });

  it('sorts a value before its extension and an empty value first', () => {
    expect(canonicalQuery('k=ab&k=a&k=')).toBe('k=&k=a&k=ab');
  });
});

describe('canonicalQuery: a raw + (§1.3 step 4, §7.1)', () => {
  it('is a space in keys and values with plus: space', () => {
    expect(canonicalQuery('a+b=c+d', { plus: 'space' })).toBe('a%20b=c%20d');
  });

  it('is a literal plus in keys and values by default', () => {
    expect(canonicalQuery('a+b=c+d')).toBe('a%2Bb=c%2Bd');
    expect(canonicalQuery('a+b=c+d', { plus: 'literal' })).toBe('a%2Bb=c%2Bd');
  });

  it('sorts a + read as a space (20) before "!" (21), and a literal + (2B) after it', () => {
    expect(canonicalQuery('k=!&k=+', { plus: 'space' })).toBe('k=%20&k=%21');
    expect(canonicalQuery('k=!&k=+')).toBe('k=%21&k=%2B');
  });

  it('is read the same way by parseWireQuery', () => {
    const [pair] = parseWireQuery('a+b=%2B+', 'space');
    expect(pair).toMatchObject({ encodedKey: 'a%20b', encodedValue: '%2B%20' });
    const [literal] = parseWireQuery('a+b=%2B+');
    expect(literal).toMatchObject({ encodedKey: 'a%2Bb', encodedValue: '%2B%2B' });
  });
});

describe('canonicalQuery and parseWireQuery: splitting items (§1.3 step 1)', () => {
  it('drops items with an empty key and keeps a bare key as key=', () => {
    expect(canonicalQuery('?&=v&&flag&a=1&')).toBe('a=1&flag=');
    expect(parseWireQuery('?&=v&&flag').map((p) => [p.encodedKey, p.encodedValue])).toEqual([['flag', '']]);
  });

  it('reads a leading ? as no part of the first key, and a later ? as data', () => {
    expect(canonicalQuery('?a=1')).toBe('a=1');
    expect(canonicalQuery('??a=1')).toBe('%3Fa=1');
    expect(parseWireQuery('?a=1')[0]?.encodedKey).toBe('a');
  });

  it('is empty for a lone ?', () => {
    expect(canonicalQuery('?')).toBe('');
    expect(parseWireQuery('?')).toEqual([]);
  });
});

describe('splitRequestTarget', () => {
  it.each([
    ['/a/b?x=1', '/a/b', 'x=1'],
    ['/a/b', '/a/b', ''],
    ['/a?', '/a', ''],
    ['?x=1', '/', 'x=1'],
    ['', '/', ''],
    ['/a#frag', '/a', ''],
    ['/a?x=1#frag?y=2', '/a', 'x=1'],
    ['/a?x=1?y=2', '/a', 'x=1?y=2'],
    ['https://h.example.com/a?x=1', '/a', 'x=1'],
    ['https://h.example.com', '/', ''],
    ['https://h.example.com?x=1', '/', 'x=1'],
    ['http://user@h:8080/p/q', '/p/q', ''],
    ['git+ssh.x-y://h/p', '/p', ''],
    ['//h/p', '//h/p', ''],
    ['/https://h/p', '/https://h/p', ''],
  ])('%j → path %j, query %j', (target, path, query) => {
    expect(splitRequestTarget(target)).toEqual({ path, query });
  });

  it('does not read a target that does not start with a scheme as absolute', () => {
    expect(splitRequestTarget('1http://h/p')).toEqual({ path: '1http://h/p', query: '' });
    expect(splitRequestTarget('h.example.com/p')).toEqual({ path: 'h.example.com/p', query: '' });
  });
});

describe('canonicalUri', () => {
  it('reads an empty path as /', () => {
    expect(canonicalUri('')).toBe('/');
  });

  it('splits on a / that came from %2F or %2f, keeping the segments', () => {
    expect(canonicalUri('/a%2fb')).toBe('/a/b/');
    expect(canonicalUri('/a%2Fb/')).toBe('/a/b/');
  });

  it('encodes control bytes in a segment', () => {
    expect(canonicalUri('/a%00b%0A')).toBe('/a%00b%0A/');
  });

  it('keeps a leading empty segment and a final /', () => {
    expect(canonicalUri('//x%20')).toBe('//x%20/');
    expect(canonicalUri('/x%20/')).toBe('/x%20/');
  });
});

describe('buildCanonicalRequest', () => {
  it('puts the six parts together for a target with a query, honouring the options', () => {
    const request = buildCanonicalRequest(
      {
        method: 'POST',
        target: '/v1/a%2fb?z=+&y=1',
        headers: new Map([
          ['host', ['h']],
          ['x-d', ['2', '1']],
        ]),
        signedHeaders: ['host', 'x-d'],
        payloadHash: 'UNSIGNED-PAYLOAD',
      },
      { plus: 'space', duplicateHeaders: 'lines' },
    );
    expect(request.text).toBe('POST\n/v1/a/b/\ny=1&z=%20\nhost:h\nx-d:1\nx-d:2\n\nhost;x-d\nUNSIGNED-PAYLOAD');
    expect(request).toMatchObject({ method: 'POST', uri: '/v1/a/b/', query: 'y=1&z=%20', signedHeaders: 'host;x-d', payloadHash: 'UNSIGNED-PAYLOAD' });
    expect(canonicalRequestText(request)).toBe(request.text);
  });
});

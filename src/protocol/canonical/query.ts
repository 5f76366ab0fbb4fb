import { percentDecodeToBytes, uriEncodeBytes } from '../percent-encoding.ts';

/**
 * How a raw '+' in the query is read. No official SDK sends one, and the real gateway's choice is
 * undocumented (signing.md §7.1); 'literal' follows RFC 3986 and the APIG Python/JS signers.
 */
export type PlusInQuery = 'literal' | 'space';

/**
 * Sort order of parameters. 'decoded' sorts by the decoded bytes (code point order), as the Node,
 * Python and Go SDKs and the APIG Python/JS/Go signers do; 'encoded' sorts the encoded text, as
 * the Java SDK does. They differ only when a key mixes reserved or non-ASCII characters with
 * unreserved ones at the same position. The gateway's order is undocumented: 'decoded' is inferred.
 */
export type QuerySortOrder = 'decoded' | 'encoded';

export interface QueryOptions {
  plus?: PlusInQuery;
  sort?: QuerySortOrder;
}

interface QueryPair {
  key: Buffer;
  value: Buffer;
  encodedKey: string;
  encodedValue: string;
}

export function parseWireQuery(wireQuery: string, plus: PlusInQuery = 'literal'): QueryPair[] {
  const query = wireQuery.startsWith('?') ? wireQuery.slice(1) : wireQuery;
  const pairs: QueryPair[] = [];
  if (query === '') return pairs;
  for (const item of query.split('&')) {
    const equals = item.indexOf('=');
    const rawKey = equals === -1 ? item : item.slice(0, equals);
    const rawValue = equals === -1 ? '' : item.slice(equals + 1);
    // Items with an empty key ("&&", "=v") are dropped, as the official parsers drop them.
    if (rawKey === '') continue;
    const key = percentDecodeToBytes(rawKey, plus === 'space');
    const value = percentDecodeToBytes(rawValue, plus === 'space');
    pairs.push({ key, value, encodedKey: uriEncodeBytes(key), encodedValue: uriEncodeBytes(value) });
  }
  return pairs;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const comparators: Record<QuerySortOrder, (a: QueryPair, b: QueryPair) => number> = {
  decoded: (a, b) => Buffer.compare(a.key, b.key) || Buffer.compare(a.value, b.value),
  encoded: (a, b) => compareText(a.encodedKey, b.encodedKey) || compareText(a.encodedValue, b.encodedValue),
};

/**
 * Canonical query string (signing.md §1.3): decoded pairs, re-encoded, sorted by key then value,
 * every pair written `key=value` (a bare `flag` becomes `flag=`), joined with '&'.
 */
export function canonicalQuery(wireQuery: string, options: QueryOptions = {}): string {
  const pairs = parseWireQuery(wireQuery, options.plus);
  pairs.sort(comparators[options.sort ?? 'decoded']);
  return pairs.map((pair) => `${pair.encodedKey}=${pair.encodedValue}`).join('&');
}

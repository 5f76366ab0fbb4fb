import { percentDecodeToByteString, percentDecodeToBytes, uriEncodeByteString, uriEncodeBytes } from '../percent-encoding.ts';

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

/**
 * The raw (still encoded) key and value of each `&`-separated item, split at the first `=`. Items
 * with an empty key ("&&", "=v") are dropped, as the official parsers drop them.
 */
function forEachRawPair(wireQuery: string, visit: (rawKey: string, rawValue: string) => void): void {
  const query = wireQuery.startsWith('?') ? wireQuery.slice(1) : wireQuery;
  if (query === '') return;
  for (const item of query.split('&')) {
    const equals = item.indexOf('=');
    const rawKey = equals === -1 ? item : item.slice(0, equals);
    if (rawKey !== '') visit(rawKey, equals === -1 ? '' : item.slice(equals + 1));
  }
}

export function parseWireQuery(wireQuery: string, plus: PlusInQuery = 'literal'): QueryPair[] {
  const pairs: QueryPair[] = [];
  forEachRawPair(wireQuery, (rawKey, rawValue) => {
    const key = percentDecodeToBytes(rawKey, plus === 'space');
    const value = percentDecodeToBytes(rawValue, plus === 'space');
    pairs.push({ key, value, encodedKey: uriEncodeBytes(key), encodedValue: uriEncodeBytes(value) });
  });
  return pairs;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A parameter for sorting: decoded bytes held as latin1 text (one char per byte), so text order is byte order. */
interface SortablePair {
  keyBytes: string;
  valueBytes: string;
  encodedKey: string;
  encodedValue: string;
}

const comparators: Record<QuerySortOrder, (a: SortablePair, b: SortablePair) => number> = {
  decoded: (a, b) => compareText(a.keyBytes, b.keyBytes) || compareText(a.valueBytes, b.valueBytes),
  encoded: (a, b) => compareText(a.encodedKey, b.encodedKey) || compareText(a.encodedValue, b.encodedValue),
};

/** Unreserved characters only: such a component decodes to itself and encodes to itself. */
const PLAIN = /^[A-Za-z0-9\-_.~]*$/;

function sortablePair(rawKey: string, rawValue: string, plusAsSpace: boolean): SortablePair {
  const plainKey = PLAIN.test(rawKey);
  const plainValue = PLAIN.test(rawValue);
  const keyBytes = plainKey ? rawKey : percentDecodeToByteString(rawKey, plusAsSpace);
  const valueBytes = plainValue ? rawValue : percentDecodeToByteString(rawValue, plusAsSpace);
  return {
    keyBytes,
    valueBytes,
    encodedKey: plainKey ? rawKey : uriEncodeByteString(keyBytes),
    encodedValue: plainValue ? rawValue : uriEncodeByteString(valueBytes),
  };
}

/**
 * Canonical query string (signing.md §1.3): decoded pairs, re-encoded, sorted by key then value,
 * every pair written `key=value` (a bare `flag` becomes `flag=`), joined with '&'.
 */
export function canonicalQuery(wireQuery: string, options: QueryOptions = {}): string {
  const plusAsSpace = options.plus === 'space';
  const pairs: SortablePair[] = [];
  // Decoded bytes as latin1 text rather than Buffers: cheaper, and they sort the same.
  forEachRawPair(wireQuery, (rawKey, rawValue) => pairs.push(sortablePair(rawKey, rawValue, plusAsSpace)));
  pairs.sort(comparators[options.sort ?? 'decoded']);
  let text = '';
  for (let i = 0; i < pairs.length; i++) text += `${i === 0 ? '' : '&'}${pairs[i]!.encodedKey}=${pairs[i]!.encodedValue}`;
  return text;
}

/** Anything that can carry request headers: a fetch `Headers`, name/value pairs, or a plain record. */
export type HeaderInput = Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Header values by lower-case name, in the order they arrived. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/**
 * How a signed header that arrives more than once becomes one canonical line. Every SDK except
 * APIG Go keeps a single value per name; what the gateway does is undocumented (signing.md §7.2).
 * 'comma' (values trimmed, joined with ',', as AWS SigV4 does) is inferred; 'lines' writes one
 * line per value, sorted, as the APIG Go signer does.
 */
export type DuplicateHeaderRule = 'comma' | 'lines';

function addHeaderValue(headers: Map<string, string[]>, name: string, value: string): void {
  const key = name.toLowerCase();
  const values = headers.get(key);
  if (values) values.push(value);
  else headers.set(key, [value]);
}

export function normalizeHeaders(input: HeaderInput | HeaderMap | undefined): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  if (input === undefined) return headers;
  if (input instanceof Map) {
    for (const [name, values] of input as HeaderMap) for (const value of values) addHeaderValue(headers, name, value);
  } else if (Symbol.iterator in input) {
    for (const [name, value] of input as Iterable<readonly [string, string]>) addHeaderValue(headers, name, value);
  } else {
    for (const name in input) {
      if (!Object.hasOwn(input, name)) continue;
      const value = input[name];
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) addHeaderValue(headers, name, String(item));
      else addHeaderValue(headers, name, String(value));
    }
  }
  return headers;
}

/** First value of a header, by any-case name. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}

/** The first value of the first of `names` (lower-case) the request carries, e.g. a declared payload hash. */
export function firstHeaderValue(headers: HeaderMap, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = headers.get(name)?.[0];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Space, \t, \n, \v, \f, \r: the set trimHeaderValue's pattern removes. */
const isHttpWhitespace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d);

/** Leading and trailing HTTP whitespace goes; inner whitespace stays as it is (no folding). */
export function trimHeaderValue(value: string): string {
  if (value === '' || (!isHttpWhitespace(value.charCodeAt(0)) && !isHttpWhitespace(value.charCodeAt(value.length - 1)))) return value;
  return value.replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, '');
}

/**
 * The canonical header block: `name:value\n` for each signed name, in the order of the list.
 * A name absent from the request contributes `name:\n`; the verifier rejects that case first.
 */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[], duplicates: DuplicateHeaderRule = 'comma'): string {
  let block = '';
  for (const name of signedHeaders) {
    const received = headers.get(name);
    if (received === undefined || received.length === 1) {
      block += `${name}:${received === undefined ? '' : trimHeaderValue(received[0]!)}\n`;
      continue;
    }
    const values = received.map(trimHeaderValue);
    if (duplicates === 'lines' && values.length > 1) {
      for (const value of [...values].sort()) block += `${name}:${value}\n`;
    } else {
      block += `${name}:${values.join(',')}\n`;
    }
  }
  return block;
}

import { truncateText } from './truncate.ts';

/** Items an array or object keeps when a value must shrink; the rest become one marker. */
const MAX_ITEMS = 64;
/** Field names (header names) are cut to this. */
const MAX_KEY_BYTES = 128;
/** No text is cut shorter than this, so what is left still says something. */
const MIN_TEXT_BYTES = 64;
/** Characters JSON writes as two or six bytes. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;
/** Printable ASCII that JSON writes as it is: one byte a character (most texts of an entry). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The exact bytes a text takes as a JSON string, quotes included. */
function jsonTextBytes(text: string): number {
  if (PLAIN.test(text)) return text.length + 2;
  return NEEDS_ESCAPE.test(text) ? Buffer.byteLength(JSON.stringify(text)) : Buffer.byteLength(text) + 2;
}

/** The bytes `value` takes as JSON (undefined fields left out), without serialising it. */
export function jsonSizeOf(value: unknown): number {
  if (typeof value === 'string') return jsonTextBytes(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (value === null || typeof value !== 'object') return value === undefined ? 0 : String(value).length;
  let size = 2;
  let items = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      size += (item === undefined ? 4 : jsonSizeOf(item)) + (items++ > 0 ? 1 : 0);
    }
    return size;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    size += jsonTextBytes(key) + 1 + jsonSizeOf(item) + (items++ > 0 ? 1 : 0);
  }
  return size;
}

/** A copy of `value` with every text (keys aside) passed through `map`. */
export function mapTexts<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => mapTexts(item, map)) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = mapTexts((value as Record<string, unknown>)[key], map);
  return out as T;
}

/**
 * `value` with every text (keys aside) replaced by `map`'s answer, in place: for a value made fresh
 * for the purpose (a journal entry), which spares a copy on every request.
 */
export function scrubTextsInPlace<T>(value: T, map: (text: string) => string): T {
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'string') {
      const mapped = map(item);
      if (mapped !== item) record[key] = mapped;
    } else if (item !== null && typeof item === 'object') scrubTextsInPlace(item, map);
  }
  return value;
}

function collectTextBytes(value: unknown, sizes: number[]): void {
  if (typeof value === 'string') sizes.push(jsonTextBytes(value));
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectTextBytes(item, sizes);
}

/** The most bytes every text may keep so that the texts together take at most `budget`. */
function textLimit(sizes: number[], budget: number): number {
  const sorted = [...sizes].sort((a, b) => b - a);
  let rest = sorted.reduce((sum, size) => sum + size, 0);
  for (let i = 0; i < sorted.length; i++) {
    rest -= sorted[i]!;
    // Texts 0..i cut to `limit` each, the shorter rest kept whole.
    const limit = Math.floor((budget - rest) / (i + 1));
    if (limit >= (sorted[i + 1] ?? 0)) return Math.max(MIN_TEXT_BYTES, limit);
  }
  return MIN_TEXT_BYTES;
}

function fewerItems(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ITEMS).map(fewerItems);
    return value.length > MAX_ITEMS ? [...kept, `…[${value.length - MAX_ITEMS} more items]`] : kept;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  // Names count too: a header's name can be as long as its value.
  const kept = Object.fromEntries(entries.slice(0, MAX_ITEMS).map(([key, item]) => [truncateText(key, MAX_KEY_BYTES), fewerItems(item)]));
  if (entries.length > MAX_ITEMS) kept['…'] = `[${entries.length - MAX_ITEMS} more fields]`;
  return kept;
}

/**
 * `value` made to take at most `maxBytes` as JSON: left as it is when it fits (the usual case, and
 * no copy is made); otherwise containers keep their first items and the longest texts are cut to
 * one common length, each with a marker that says how much is missing. Texts that JSON escapes
 * grow when written, so the cut is measured again and tightened until it fits.
 */
export function fitToBytes<T>(value: T, maxBytes: number): { value: T; bytes: number } {
  const bytes = jsonSizeOf(value);
  if (bytes <= maxBytes) return { value, bytes };
  const fewer = fewerItems(value);
  const sizes: number[] = [];
  collectTextBytes(fewer, sizes);
  const textBytes = sizes.reduce((sum, size) => sum + size, 0);
  // Markers add up to ~40 bytes to each cut text.
  let budget = maxBytes - (jsonSizeOf(fewer) - textBytes) - 40 * sizes.length;
  for (let attempt = 0; ; attempt++) {
    const limit = textLimit(sizes, budget);
    const fitted = mapTexts(fewer, (text) => truncateText(text, limit)) as T;
    const fittedBytes = jsonSizeOf(fitted);
    if (fittedBytes <= maxBytes || limit <= MIN_TEXT_BYTES || attempt === 8) return { value: fitted, bytes: fittedBytes };
    budget -= fittedBytes - maxBytes + sizes.length;
  }
}

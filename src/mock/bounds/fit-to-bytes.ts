import { truncateText } from './truncate.ts';

/** Items an array or object keeps when a value must shrink; the rest become one marker. */
const MAX_ITEMS = 64;
/** No text is cut shorter than this, so what is left still says something. */
const MIN_TEXT_BYTES = 64;

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/** About how many bytes `value` takes as JSON: text by its length, plus quotes, keys and separators. */
export function jsonSizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return value === undefined ? 0 : 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += jsonSizeOf(item) + 1;
    return size;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) size += key.length + 4 + jsonSizeOf(item);
  }
  return size;
}

function collectTexts(value: unknown, lengths: number[]): void {
  if (typeof value === 'string') lengths.push(value.length);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectTexts(item, lengths);
}

/** The longest length every text may keep so that the texts together take at most `budget`. */
function textLimit(lengths: number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => b - a);
  let rest = sorted.reduce((sum, length) => sum + length, 0);
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
  const kept = Object.fromEntries(entries.slice(0, MAX_ITEMS).map(([key, item]) => [key, fewerItems(item)]));
  if (entries.length > MAX_ITEMS) kept['…'] = `[${entries.length - MAX_ITEMS} more fields]`;
  return kept;
}

function cutTexts(value: unknown, limit: number): unknown {
  if (typeof value === 'string') return truncateText(value, limit);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cutTexts(item, limit));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cutTexts(item, limit)]));
}

/**
 * `value` made to take about `maxBytes` as JSON at most: left as it is when it fits (the usual
 * case, and no copy is made); otherwise containers keep their first items and the longest texts are
 * cut to one common length, each with a marker that says how much is missing.
 */
export function fitToBytes<T>(value: T, maxBytes: number): { value: T; bytes: number } {
  const bytes = jsonSizeOf(value);
  if (bytes <= maxBytes) return { value, bytes };
  const fewer = fewerItems(value) as Json;
  const lengths: number[] = [];
  collectTexts(fewer, lengths);
  const textBytes = lengths.reduce((sum, length) => sum + length, 0);
  // Markers add up to ~40 bytes to each cut text.
  const budget = maxBytes - (jsonSizeOf(fewer) - textBytes) - 40 * lengths.length;
  const fitted = cutTexts(fewer, textLimit(lengths, budget)) as T;
  return { value: fitted, bytes: jsonSizeOf(fitted) };
}

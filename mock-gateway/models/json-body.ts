import { jsonNestsDeeperThan } from '../bounds/json-depth.ts';

export type JsonParse = { ok: true; value: unknown } | { ok: false };

/** Deeper JSON is not parsed at all (the gateway refuses most of it sooner, at its configured depth). */
export const MAX_PARSED_JSON_DEPTH = 512;

export function parseJson(body: Buffer): JsonParse {
  if (jsonNestsDeeperThan([body], MAX_PARSED_JSON_DEPTH)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `application/json`, `application/problem+json` and the like, parameters ignored. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^[a-z]+\/[^\s/]+\+json$/.test(mediaType);
}

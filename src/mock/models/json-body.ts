import { jsonShapeProblem, PARSE_SAFETY_LIMITS } from '../bounds/json-shape.ts';

export type JsonParse = { ok: true; value: unknown } | { ok: false };

export function parseJson(body: Buffer): JsonParse {
  if (jsonShapeProblem([body], PARSE_SAFETY_LIMITS)) return { ok: false };
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

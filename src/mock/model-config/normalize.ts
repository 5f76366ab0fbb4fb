import type { ModelConfig, ModelConfigApi } from './schema.ts';
import type { ServiceApi } from './service-api.ts';

export interface NormalizedModelConfig {
  apis: ServiceApi[];
  modelAlgorithm: string | undefined;
  modelType: string | undefined;
  /** What was mended or ignored, for the world view and the banner; never fatal. */
  warnings: string[];
  /** What makes the config unusable (two APIs on one path and method). */
  problems: string[];
}

const JSON_TYPE = 'application/json';

function contentTypeOf(spec: ModelConfigApi['request'], warnings: string[], where: string): string {
  const declared = spec?.['Content-type'] ?? spec?.['Content-Type'] ?? spec?.['content-type'];
  if (declared === undefined) return JSON_TYPE;
  // The docs' own examples declare `applicaton/json` (§1.5).
  if (/applicaton\/json/i.test(declared)) {
    warnings.push(`${where}: "${declared}" read as application/json`);
    return declared.replace(/applicaton\/json/i, JSON_TYPE);
  }
  return declared;
}

/** `item` (the mnist example's spelling, §1.5) read as `items`, at every depth. */
function mendSchema(schema: unknown, depth = 0): unknown {
  if (depth > 64 || typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((s) => mendSchema(s, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const name = key === 'item' && !('items' in schema) ? 'items' : key;
    out[name] = mendSchema(value, depth + 1);
  }
  return out;
}

function normalizeApi(raw: ModelConfigApi, index: number, warnings: string[]): ServiceApi {
  const where = `apis[${index}]`;
  if (raw.procotol !== undefined) warnings.push(`${where}: "procotol" read as "protocol"`);
  let url = raw.url ?? '/';
  if (!url.startsWith('/')) {
    warnings.push(`${where}: url "${url}" read as "/${url}"`);
    url = `/${url}`;
  }
  return {
    url,
    method: (raw.method ?? 'POST').toUpperCase(),
    protocol: (raw.protocol ?? raw.procotol)?.toLowerCase(),
    requestContentType: contentTypeOf(raw.request, warnings, `${where}.request`),
    responseContentType: contentTypeOf(raw.response, warnings, `${where}.response`),
    requestSchema: mendSchema(raw.request?.data),
    responseSchema: mendSchema(raw.response?.data),
  };
}

/**
 * The parser rules of modelarts-services.md §1.5 (inferred): method upper-cased (default POST), url
 * default `/`, Content-type in any case, the documented misspellings mended with a warning. A model
 * that is not `Image` serves one API at `/` (§1.1, §7): its first API is kept there.
 */
export function normalizeModelConfig(config: ModelConfig): NormalizedModelConfig {
  const warnings: string[] = [];
  const problems: string[] = [];
  let apis = (config.apis ?? []).map((api, i) => normalizeApi(api, i, warnings));
  if (apis.length === 0) apis = [normalizeApi({}, 0, warnings)];
  const isImage = config.model_type === undefined || config.model_type.toLowerCase() === 'image';
  if (!isImage && (apis.length > 1 || apis[0]!.url !== '/')) {
    warnings.push(`model_type ${config.model_type} serves one API at "/": only the first API is kept, at "/"`);
    apis = [{ ...apis[0]!, url: '/' }];
  }
  const seen = new Set<string>();
  for (const api of apis) {
    const key = `${api.method} ${api.url}`;
    // Several matching APIs is a 500 ModelArts.4204 at call time (§4.2 #1b): refused at load instead (inferred).
    if (seen.has(key)) problems.push(`${key} is declared twice`);
    seen.add(key);
  }
  return { apis, modelAlgorithm: config.model_algorithm, modelType: config.model_type, warnings, problems };
}

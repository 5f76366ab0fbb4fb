/**
 * One API of a service, as the dispatcher routes it and the Usage Guides tab shows it
 * (modelarts-services.md §1.2, §5.1). `url` and `method` may be `*` for the models that take any
 * path or method (the undefined mode, §2; the echo and slow demo models).
 */
export interface ServiceApi {
  url: string;
  method: string;
  /** As declared (`http`/`https`); metadata only: clients always call the gateway (§2, inferred). */
  protocol: string | undefined;
  requestContentType: string;
  responseContentType: string;
  /** The JSON Schema of the body, `item` already read as `items`. */
  requestSchema: unknown;
  responseSchema: unknown;
}

export const ANY = '*';

export interface ApiParameter {
  name: string;
  /** Free text: the platform shows `file`, `box`, `bool`, `int` … next to JSON Schema's names (§1.2). */
  type: string;
  required: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(schema: unknown): string {
  if (!isRecord(schema)) return '--';
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.map(String).join('|');
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return '--';
}

/** The rows of an input or output table: the top-level `properties` of the declared schema (§5.1). */
export function parametersOf(schema: unknown): ApiParameter[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties).map(([name, property]) => ({ name, type: typeName(property), required: required.has(name) }));
}

/** The first top-level property typed `file`: the multipart field a file model reads (§1.2). */
export function fileFieldOf(api: ServiceApi | undefined): string | undefined {
  return api ? parametersOf(api.requestSchema).find((p) => p.type === 'file')?.name : undefined;
}

export type ApiMatch = { kind: 'api'; api: ServiceApi } | { kind: 'no-api' } | { kind: 'method'; allowed: string[] };

/**
 * The declared API for `(sub-path, method)` (§0.2). The bare service address is the `/` API (§3.2);
 * anything else must equal a declared url exactly (query strings and trailing slashes: undocumented, inferred).
 */
export function matchApi(apis: readonly ServiceApi[], subPath: string, method: string): ApiMatch {
  const path = subPath === '' ? '/' : subPath;
  const onPath = apis.filter((api) => api.url === ANY || api.url === path);
  if (onPath.length === 0) return { kind: 'no-api' };
  const api = onPath.find((a) => a.method === method) ?? onPath.find((a) => a.method === ANY);
  return api ? { kind: 'api', api } : { kind: 'method', allowed: [...new Set(onPath.map((a) => a.method))] };
}

import { headerValue, isCredentialHeader } from '../../protocol/index.ts';
import { jsonResponse } from '../http-model.ts';
import { isJsonContentType, parseJson } from './json-body.ts';
import type { Model, ModelRequest } from './types.ts';

export interface EchoDescription {
  method: string;
  sub_path: string;
  query: string;
  content_type: string | null;
  body_sha256: string;
  body_bytes: number;
  json?: unknown;
  /** Why `json` is missing from the echo of a JSON body. */
  json_omitted?: string;
  headers: Record<string, string>;
}

/**
 * JSON bodies up to this size are echoed parsed. Written back, JSON can grow several-fold (`1e20`
 * becomes 21 digits): over it, the echo stays small and the body is described by its hash alone.
 */
export const ECHO_JSON_MAX_BYTES = 64 * 1024;

function echoedHeaders(request: ModelRequest): Record<string, string> {
  // No prototype: a header may be called __proto__.
  const echoed: Record<string, string> = Object.create(null);
  const names: string[] = [];
  for (const [rawName, values] of request.headers) {
    const name = rawName.toLowerCase();
    // Credentials never come back in a response body, even though some are x-* headers.
    if (name === 'authorization' || isCredentialHeader(name) || !(name.startsWith('x-') || name.startsWith('content-'))) continue;
    const value = values.join(', ');
    if (Object.hasOwn(echoed, name)) echoed[name] += `, ${value}`;
    else {
      echoed[name] = value;
      names.push(name);
    }
  }
  names.sort();
  const sorted: Record<string, string> = Object.create(null);
  for (const name of names) sorted[name] = echoed[name]!;
  return sorted;
}

export function describeRequest(request: ModelRequest): EchoDescription {
  const contentType = headerValue(request.headers, 'content-type') ?? null;
  const description: EchoDescription = {
    method: request.method,
    sub_path: request.subPath,
    query: request.query,
    content_type: contentType,
    body_sha256: request.bodySha256,
    body_bytes: request.body.length,
    headers: echoedHeaders(request),
  };
  if (contentType !== null && isJsonContentType(contentType)) {
    if (request.body.length > ECHO_JSON_MAX_BYTES) description.json_omitted = `the body is over ${ECHO_JSON_MAX_BYTES} bytes: see body_sha256`;
    else {
      const parsed = parseJson(request.body);
      if (parsed.ok) description.json = parsed.value;
    }
  }
  return description;
}

/** Answers 200 with what arrived, so tests can see what the gateway forwarded (credentials left out). */
export const echoModel: Model = async (request) => jsonResponse(200, describeRequest(request));

import { canonicalHeaders, type DuplicateHeaderRule, type HeaderMap } from './headers.ts';
import { canonicalQuery, type QueryOptions } from './query.ts';
import { canonicalRequestText, type CanonicalRequestParts } from './request.ts';
import { splitRequestTarget } from './target.ts';
import { canonicalUri } from './uri.ts';

export * from './headers.ts';
export * from './payload.ts';
export * from './query.ts';
export * from './request.ts';
export * from './target.ts';
export * from './uri.ts';

/** The switches for points the real gateway's behaviour is not documented on (all inferred). */
export interface CanonicalOptions extends QueryOptions {
  duplicateHeaders?: DuplicateHeaderRule;
}

export interface CanonicalInput {
  method: string;
  /** Path and query exactly as on the wire, e.g. `/v1/infers/abc?x=1`. */
  target: string;
  headers: HeaderMap;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export interface CanonicalRequest extends CanonicalRequestParts {
  text: string;
}

export function buildCanonicalRequest(input: CanonicalInput, options: CanonicalOptions = {}): CanonicalRequest {
  const { path, query } = splitRequestTarget(input.target);
  const parts: CanonicalRequestParts = {
    method: input.method,
    uri: canonicalUri(path),
    query: canonicalQuery(query, options),
    headers: canonicalHeaders(input.headers, input.signedHeaders, options.duplicateHeaders),
    signedHeaders: input.signedHeaders.join(';'),
    payloadHash: input.payloadHash,
  };
  return Object.assign(parts, { text: canonicalRequestText(parts) });
}

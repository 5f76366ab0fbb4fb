export interface CanonicalRequestParts {
  method: string;
  uri: string;
  query: string;
  /** The header block, each line ending in '\n'. */
  headers: string;
  signedHeaders: string;
  payloadHash: string;
}

/** Six parts joined by '\n'; the header block's own last '\n' makes the familiar blank line. */
export function canonicalRequestText(parts: CanonicalRequestParts): string {
  return [parts.method, parts.uri, parts.query, parts.headers, parts.signedHeaders, parts.payloadHash].join('\n');
}

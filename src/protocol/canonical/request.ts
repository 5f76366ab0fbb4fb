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
  return `${parts.method}\n${parts.uri}\n${parts.query}\n${parts.headers}\n${parts.signedHeaders}\n${parts.payloadHash}`;
}

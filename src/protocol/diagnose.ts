import type { CanonicalRequestParts } from './canonical/request.ts';
import { canonicalRequestText } from './canonical/request.ts';
import { constantTimeEqual } from './constant-time.ts';
import { splitRequestTarget } from './canonical/target.ts';
import { percentDecodeToBytes, uriEncode } from './percent-encoding.ts';

/** A common signing mistake, as a change to the canonical request the gateway computed. */
interface Mistake {
  id: string;
  /** What the client did, in words a person can act on. */
  hint: string;
  apply(parts: CanonicalRequestParts, context: MistakeContext): CanonicalRequestParts | undefined;
}

export interface MistakeContext {
  /** Path and query exactly as on the wire. */
  target: string;
  /** Digest of the body as received, when it was computed. */
  bodyDigest?: string | undefined;
  emptyDigest: string;
}

export interface SignatureHint {
  id: string;
  hint: string;
  /** The canonical request the client's signature matches. */
  canonicalRequest: string;
}

const rawPath = (target: string) => splitRequestTarget(target).path || '/';
const rawQuery = (target: string) => splitRequestTarget(target).query;
const withSlash = (uri: string) => (uri.endsWith('/') ? uri : `${uri}/`);
const withoutSlash = (uri: string) => (uri.length > 1 && uri.endsWith('/') ? uri.slice(0, -1) : uri);
const changed = (parts: CanonicalRequestParts, next: CanonicalRequestParts) => (canonicalRequestText(parts) === canonicalRequestText(next) ? undefined : next);

// Ordered from the most to the least common mistake seen in hand-written signers.
const MISTAKES: Mistake[] = [
  {
    id: 'query-omitted',
    hint: 'your client signed without the query string: the canonical request must carry the sorted, encoded query parameters on its third line',
    apply: (parts) => changed(parts, { ...parts, query: '' }),
  },
  {
    id: 'query-unsorted',
    hint: 'your client signed the query string as sent, without sorting and re-encoding the parameters',
    apply: (parts, context) => changed(parts, { ...parts, query: rawQuery(context.target) }),
  },
  {
    id: 'path-no-trailing-slash',
    hint: 'your client signed the path without the trailing "/" that the canonical URI of SDK-HMAC-SHA256 always ends with',
    apply: (parts) => changed(parts, { ...parts, uri: withoutSlash(parts.uri) }),
  },
  {
    id: 'path-as-sent',
    hint: 'your client signed the path as sent instead of decoding it and encoding each segment again (RFC 3986, only unreserved characters left as they are)',
    apply: (parts, context) => changed(parts, { ...parts, uri: withSlash(rawPath(context.target)) }),
  },
  {
    id: 'path-decoded',
    hint: 'your client signed the decoded path: each segment must be percent-encoded in the canonical URI',
    apply: (parts, context) => changed(parts, { ...parts, uri: withSlash(percentDecodeToBytes(rawPath(context.target)).toString('utf8')) }),
  },
  {
    id: 'path-double-encoded',
    hint: 'your client encoded the path twice: the canonical URI encodes the decoded segments once',
    apply: (parts) => changed(parts, { ...parts, uri: withSlash(parts.uri.split('/').map(uriEncode).join('/')) }),
  },
  {
    id: 'method-case',
    hint: 'your client signed the method in lower case: the canonical request uses it upper case, as sent',
    apply: (parts) => changed(parts, { ...parts, method: parts.method.toLowerCase() }),
  },
  {
    id: 'payload-unsigned',
    hint: 'your client signed UNSIGNED-PAYLOAD but did not send "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD", so the gateway hashed the body',
    apply: (parts) => changed(parts, { ...parts, payloadHash: 'UNSIGNED-PAYLOAD' }),
  },
  {
    id: 'payload-body-hash',
    hint: 'your client signed the hash of the body although it sent "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD"',
    apply: (parts, context) => (context.bodyDigest === undefined ? undefined : changed(parts, { ...parts, payloadHash: context.bodyDigest })),
  },
  {
    id: 'payload-empty',
    hint: 'your client signed the hash of an empty body, not of the body it sent (was the body hashed before it was written, or a multipart body hashed as empty?)',
    apply: (parts, context) => changed(parts, { ...parts, payloadHash: context.emptyDigest }),
  },
];

/**
 * When a signature does not match, tries the mistakes hand-written signers make most often: the
 * first variant of the canonical request that the client's signature matches names the mistake.
 * `signatureOf` signs a canonical request text with the caller's key (the secret stays with it).
 */
export function diagnoseSignatureMismatch(
  parts: CanonicalRequestParts,
  context: MistakeContext,
  signatureOf: (canonicalRequest: string) => string,
  providedSignature: string,
): SignatureHint | undefined {
  const provided = providedSignature.toLowerCase();
  for (const mistake of MISTAKES) {
    const variant = mistake.apply(parts, context);
    if (!variant) continue;
    const text = canonicalRequestText(variant);
    if (constantTimeEqual(signatureOf(text), provided)) return { id: mistake.id, hint: mistake.hint, canonicalRequest: text };
  }
  return undefined;
}

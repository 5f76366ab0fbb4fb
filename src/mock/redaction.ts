import { CREDENTIAL_HEADERS, formatScope, type HeaderMap, type ParsedAuthorization, parseAuthorization } from '../protocol/index.ts';

/** A credential header's line in a canonical request starts with its name and a colon, after a newline. */
const CREDENTIAL_LINE_NAMES = [...CREDENTIAL_HEADERS].map((name) => `\n${name}:`);

const redacted = (value: string) => `[redacted, ${value.length} chars]`;

/**
 * A signature's Authorization as the journal keeps it: algorithm, access key, signed headers, and
 * no signature (a secret in the wrong place is masked with the rest of the entry). Anything that does not parse as
 * a signature (Bearer, Basic, a raw token, a malformed one) may be a credential and is kept as its length only.
 */
function redactAuthorization(value: string): string {
  const parsed = parseAuthorization(value);
  return parsed.ok ? redactedSignature(parsed.value) : redacted(value);
}

/** A parsed signature as the journal keeps it (the gateway has parsed it once already: no need to again). */
export function redactedSignature(signature: Pick<ParsedAuthorization, 'algorithm' | 'accessKey' | 'scope' | 'signedHeaders'>): string {
  const { algorithm, accessKey, scope, signedHeaders } = signature;
  const credential = scope ? `Credential=${accessKey}/${formatScope(scope)}` : `Access=${accessKey}`;
  return `${algorithm} ${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=[redacted]`;
}

/** `authorization`: the redacted Authorization when the caller already has it. */
export function redactHeaders(headers: HeaderMap, authorization?: string): Record<string, string> {
  // No prototype: a header may be called __proto__.
  const out: Record<string, string> = Object.create(null);
  for (const [name, values] of headers) {
    const value = values.join(', ');
    if (CREDENTIAL_HEADERS.has(name)) out[name] = redacted(value);
    else if (name === 'authorization') out[name] = values.length === 1 ? (authorization ?? redactAuthorization(value)) : redacted(value);
    else out[name] = value;
  }
  return out;
}

/** A canonical request with the values of credential headers (signed ones end up in it) redacted. */
export function redactCanonicalRequest(canonicalRequest: string): string {
  // Most signatures sign no credential header: their canonical request is kept as it is, uncopied.
  if (!CREDENTIAL_LINE_NAMES.some((name) => canonicalRequest.includes(name))) return canonicalRequest;
  return canonicalRequest
    .split('\n')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0 || !CREDENTIAL_HEADERS.has(line.slice(0, colon))) return line;
      return `${line.slice(0, colon)}:[redacted, ${line.length - colon - 1} chars]`;
    })
    .join('\n');
}

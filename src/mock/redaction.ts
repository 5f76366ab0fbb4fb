import { CREDENTIAL_HEADERS, formatScope, type HeaderMap, parseAuthorization } from '../protocol/index.ts';

const redacted = (value: string) => `[redacted, ${value.length} chars]`;

/**
 * A signature's Authorization as the journal keeps it: algorithm, access key (masked where it is a
 * secret sent in the wrong place), signed headers, and no signature. Anything that does not parse as
 * a signature (Bearer, Basic, a raw token, a malformed one) may be a credential and is kept as its length only.
 */
function redactAuthorization(value: string, maskSecret: (value: string) => string): string {
  const parsed = parseAuthorization(value);
  if (!parsed.ok) return redacted(value);
  const { algorithm, accessKey, scope, signedHeaders } = parsed.value;
  const credential = scope ? `Credential=${maskSecret(accessKey)}/${formatScope(scope)}` : `Access=${maskSecret(accessKey)}`;
  return `${algorithm} ${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=[redacted]`;
}

export function redactHeaders(headers: HeaderMap, maskSecret: (value: string) => string = (value) => value): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of headers) {
    const value = values.join(', ');
    if (CREDENTIAL_HEADERS.has(name)) out[name] = redacted(value);
    else if (name === 'authorization') out[name] = values.length === 1 ? redactAuthorization(value, maskSecret) : redacted(value);
    // Any other header that carries a secret (a password as X-Sdk-Date, an SK in a custom header) is masked too.
    else out[name] = values.length === 1 ? maskSecret(value) : values.map(maskSecret).join(', ');
  }
  return out;
}

/** A canonical request with the values of credential headers (signed ones end up in it) redacted. */
export function redactCanonicalRequest(canonicalRequest: string): string {
  return canonicalRequest
    .split('\n')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0 || !CREDENTIAL_HEADERS.has(line.slice(0, colon))) return line;
      return `${line.slice(0, colon)}:[redacted, ${line.length - colon - 1} chars]`;
    })
    .join('\n');
}

import { CREDENTIAL_HEADERS, type HeaderMap } from '../src/protocol/index.ts';

const SIGNATURE_AUTHORIZATION = /^(SDK-HMAC-SHA256|V11-HMAC-SHA256|SDK-HMAC-SM3)\s/;

export function redactHeaders(headers: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of headers) {
    const value = values.join(', ');
    if (CREDENTIAL_HEADERS.has(name)) out[name] = `[redacted, ${value.length} chars]`;
    else if (name === 'authorization') {
      // A signature is public but for its value; anything else (Bearer, Basic, a raw token) is a credential.
      out[name] = SIGNATURE_AUTHORIZATION.test(value) ? value.replace(/Signature=[0-9a-fA-F]+/, 'Signature=[redacted]') : `[redacted, ${value.length} chars]`;
    }
    else out[name] = value;
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

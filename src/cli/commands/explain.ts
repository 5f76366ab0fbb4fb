import { signRequest, SigningError, type SigningSteps } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';
import { parseSignInput } from '../sign-input.ts';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Makes line breaks and the blank line of the canonical request visible. */
function showLines(text: string): string {
  return indent(
    text
      .split('\n')
      .map((line) => `${line}⏎`)
      .join('\n'),
  );
}

export function formatSteps(steps: SigningSteps, headers: Record<string, string>): string {
  const canonical = steps.canonicalRequest;
  const lines = [
    `Algorithm: ${steps.algorithm}    X-Sdk-Date: ${steps.sdkDate}${steps.scope ? `    scope: ${steps.scope.date}/${steps.scope.region}/${steps.scope.service}` : ''}`,
    '',
    '1. Method (upper case)',
    indent(canonical.method),
    '2. Canonical URI: the path decoded, each segment URI-encoded, a trailing "/" added',
    indent(canonical.uri),
    '3. Canonical query: pairs decoded, URI-encoded, sorted by key then value, "key=value" joined by "&"',
    indent(canonical.query === '' ? '(empty)' : canonical.query),
    '4. Canonical headers: "name:trimmed value" for each signed header, in SignedHeaders order',
    indent(canonical.headers.replace(/\n$/, '')),
    '5. Signed headers: lower-case names, sorted, joined by ";"',
    indent(canonical.signedHeaders),
    `6. Payload hash: ${canonical.payloadHash === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD (the body is not signed)' : 'hex digest of the body bytes'}`,
    indent(canonical.payloadHash),
    '7. Canonical request: 1-6 joined by "\\n" (⏎ marks each line end)',
    showLines(canonical.text),
    '8. Digest of the canonical request',
    indent(steps.canonicalRequestDigest),
    '9. String to sign (⏎ marks each line end)',
    showLines(steps.stringToSign),
    `10. Signature: hex HMAC of the string to sign, keyed with ${steps.scope ? 'the HKDF-derived key' : 'the secret key'}`,
    indent(steps.signature),
    '',
    'Headers to add:',
    ...Object.entries(headers).map(([name, value]) => indent(`${name}: ${value}`)),
  ];
  return lines.join('\n');
}

/** `apig-kit explain`: the same input as `sign`; prints each step of the signature. */
export function runExplain(stdinText: string, options: { json?: boolean } = {}, now: () => number = Date.now): string {
  const { request, credentials, options: signOptions } = parseSignInput(stdinText, now);
  try {
    const result = signRequest(request, credentials, signOptions);
    if (options.json) return JSON.stringify({ steps: result.steps, headers: result.headers }, null, 2);
    return formatSteps(result.steps, result.headers);
  } catch (error) {
    if (error instanceof SigningError) throw new CliError(error.message);
    throw error;
  }
}

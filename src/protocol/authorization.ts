import { ALGORITHM_NAMES, type AlgorithmName, algorithmByName, type CredentialScope, formatScope } from './algorithms/index.ts';

export interface ParsedAuthorization {
  algorithm: AlgorithmName;
  accessKey: string;
  /** Present for the V11 algorithms (`Credential=<AK>/<date>/<region>/<service>`). */
  scope?: CredentialScope | undefined;
  signedHeaders: string[];
  signature: string;
}

/** Every way an Authorization value can be malformed, one name each. */
export type AuthorizationProblem =
  | 'empty'
  | 'unknown-algorithm'
  | 'no-fields'
  | 'malformed-field'
  | 'unknown-field'
  | 'duplicate-field'
  | 'missing-access'
  | 'missing-signed-headers'
  | 'missing-signature'
  | 'malformed-credential-scope'
  | 'malformed-signed-headers'
  | 'repeated-signed-header'
  | 'malformed-signature';

export type AuthorizationParse =
  | { ok: true; value: ParsedAuthorization }
  | {
      ok: false;
      problem: AuthorizationProblem;
      message: string;
      /** For 'unknown-algorithm': the name the client offered, when it looks like one (never a raw credential). */
      offeredAlgorithm?: string | undefined;
    };

const fail = (problem: AuthorizationProblem, message: string): AuthorizationParse => ({ ok: false, problem, message });

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const SCOPE_DATE = /^\d{8}$/;

/**
 * Messages quote what the client sent only when it looks like a name: a client that puts a raw
 * token in Authorization must not find it echoed in an error or a journal.
 */
const looksLikeName = (text: string) => /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/.test(text) && text.length <= 32 && /[-a-z]/.test(text);

function quoteIfSafe(text: string): string {
  return looksLikeName(text) ? `"${text}" ` : `(${text.length} characters) `;
}

/** The exact layout every official SDK emits (signing.md §1.6). */
export function formatAuthorization(auth: ParsedAuthorization): string {
  const credential = auth.scope ? `Credential=${auth.accessKey}/${formatScope(auth.scope)}` : `Access=${auth.accessKey}`;
  return `${auth.algorithm} ${credential}, SignedHeaders=${auth.signedHeaders.join(';')}, Signature=${auth.signature}`;
}

/**
 * Strict about structure, lenient only about white space: `\s+` after the algorithm and `,\s*`
 * between fields are accepted, as Huawei's own verifier samples accept them. Field names are
 * case-sensitive, each appears once, and nothing else may appear.
 */
export function parseAuthorization(header: string): AuthorizationParse {
  const text = header.trim();
  if (text === '') return fail('empty', 'Authorization is empty');
  const space = text.search(/\s/);
  const algorithmName = space === -1 ? text : text.slice(0, space);
  const algorithm = algorithmByName(algorithmName);
  if (!algorithm) {
    return {
      ok: false,
      problem: 'unknown-algorithm',
      message: `unknown signing algorithm ${quoteIfSafe(algorithmName)}(expected one of ${ALGORITHM_NAMES.join(', ')})`,
      offeredAlgorithm: looksLikeName(algorithmName) ? algorithmName : undefined,
    };
  }
  const rest = space === -1 ? '' : text.slice(space).trim();
  if (rest === '') return fail('no-fields', `${algorithm.name} is followed by no fields`);

  const fields = new Map<string, string>();
  const allowed = [algorithm.credentialField, 'SignedHeaders', 'Signature'];
  for (const part of rest.split(/,\s*/)) {
    const equals = part.indexOf('=');
    if (equals <= 0) return fail('malformed-field', `a field of ${part.length} characters is not Name=value`);
    const name = part.slice(0, equals);
    if (!allowed.includes(name)) {
      return fail('unknown-field', `unexpected field ${quoteIfSafe(name)}(expected ${allowed.join(', ')})`);
    }
    if (fields.has(name)) return fail('duplicate-field', `field ${name} appears more than once`);
    fields.set(name, part.slice(equals + 1));
  }

  const credential = fields.get(algorithm.credentialField);
  if (!credential) return fail('missing-access', `${algorithm.credentialField} is empty or missing`);
  const signedHeadersText = fields.get('SignedHeaders');
  if (!signedHeadersText) return fail('missing-signed-headers', 'SignedHeaders is empty or missing');
  const signature = fields.get('Signature');
  if (!signature) return fail('missing-signature', 'Signature is empty or missing');

  let accessKey = credential;
  let scope: CredentialScope | undefined;
  if (algorithm.usesScope) {
    const parts = credential.split('/');
    const [key, date, region, service] = parts;
    if (parts.length !== 4 || !key || !date || !SCOPE_DATE.test(date) || !region || !service) {
      return fail('malformed-credential-scope', `Credential (${credential.length} characters) is not <AK>/<YYYYMMDD>/<region>/<service>`);
    }
    accessKey = key;
    scope = { date, region, service };
  }

  const signedHeaders = signedHeadersText.split(';');
  const badName = signedHeaders.find((name) => !HEADER_NAME.test(name));
  if (badName !== undefined) {
    return fail('malformed-signed-headers', `SignedHeaders entry ${quoteIfSafe(badName)}is not a lower-case header name`);
  }
  // A name listed twice would be copied into the canonical request once per mention: work the
  // client chooses without bound. No SDK lists a name twice.
  const seen = new Set<string>();
  const repeated = signedHeaders.find((name) => seen.size === seen.add(name).size);
  if (repeated !== undefined) {
    return fail('repeated-signed-header', `SignedHeaders lists "${repeated}" more than once`);
  }
  if (!SIGNATURE.test(signature)) {
    return fail('malformed-signature', 'Signature is not 64 lower-case hex characters');
  }
  return { ok: true, value: { algorithm: algorithm.name, accessKey, scope, signedHeaders, signature } };
}

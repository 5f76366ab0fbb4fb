import { type AlgorithmName, algorithmByName, type CredentialScope, type SigningAlgorithm } from './algorithms/index.ts';
import { type AuthorizationProblem, type ParsedAuthorization, parseAuthorization } from './authorization.ts';
import {
  type BodySource,
  buildCanonicalRequest,
  type CanonicalOptions,
  digestBody,
  firstHeaderValue,
  type HeaderInput,
  type HeaderMap,
  headerValue,
  isInMemoryBody,
  normalizeHeaders,
  UNSIGNED_PAYLOAD,
} from './canonical/index.ts';
import { constantTimeEqual, signaturesEqual } from './constant-time.ts';
import { diagnoseSignatureMismatch, type SignatureHint } from './diagnose.ts';
import { type DigestName, EMPTY_DIGEST } from './digest.ts';
import { LIMITS } from './limits.ts';
import { formatSdkDate, parseSdkDate } from './sdk-date.ts';
import { computeSignature } from './signature.ts';

/** A request as the gateway received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as on the wire. */
  target: string;
  headers: HeaderInput | HeaderMap;
  /** Read at most once, and only when the verdict needs the body's digest. */
  body?: BodySource;
}

export interface SecretRecord {
  secretKey: string;
  /** For temporary AK/SK: the X-Security-Token the request must carry. */
  securityToken?: string | undefined;
}

/** The secret key of an access key (or its record, for temporary credentials); undefined when unknown. */
export type SecretLookup = (accessKey: string, algorithm: AlgorithmName) => string | SecretRecord | undefined | Promise<string | SecretRecord | undefined>;

/** Either shape of a lookup's answer as a record; anything else is a programming error, said so here rather than deep in node:crypto. */
function secretRecord(found: unknown): SecretRecord | undefined {
  if (found === undefined || found === null) return undefined;
  if (typeof found === 'string') return { secretKey: found };
  if (typeof found === 'object' && typeof (found as SecretRecord).secretKey === 'string') return found as SecretRecord;
  throw new TypeError(
    `the secret lookup must return the secret key as a string, a { secretKey } record or undefined, not ${Array.isArray(found) ? 'an array' : typeof found}`,
  );
}

export interface VerifyOptions extends CanonicalOptions {
  lookup: SecretLookup;
  /** The gateway's receive time, epoch ms. */
  now: number;
  maxClockSkewMs?: number | undefined;
  /**
   * A hex digest declared in X-Sdk-Content-Sha256 is compared with the body (default on). Whether the
   * real gateway does so is undocumented (signing.md §7.5): inferred.
   */
  checkDeclaredPayloadHash?: boolean | undefined;
  /**
   * Python v3 sends UNSIGNED-PAYLOAD on an empty body but signs the empty digest (signing.md §2).
   * 'either' accepts both (default, inferred); 'literal' accepts only the header's value.
   */
  emptyUnsignedPayload?: 'either' | 'literal' | undefined;
}

export type RejectionReason =
  | 'authorization-missing'
  | 'authorization-malformed'
  | 'unknown-key'
  | 'date-missing'
  | 'date-malformed'
  | 'date-not-signed'
  | 'date-expired'
  | 'scope-mismatch'
  | 'signed-header-missing'
  | 'security-token-missing'
  | 'security-token-mismatch'
  | 'body-hash-mismatch'
  | 'signature-mismatch';

/** What the verifier computed, for explaining a verdict. Holds no secret and no expected signature. */
export interface VerifierComputation {
  canonicalRequest: string;
  canonicalRequestDigest: string;
  stringToSign: string;
}

export interface ClockSkew {
  direction: 'past' | 'future';
  seconds: number;
  signedAt: string;
  serverTime: string;
}

export interface Accepted {
  accepted: true;
  algorithm: AlgorithmName;
  accessKey: string;
  /** For V11-HMAC-SHA256: the credential scope. */
  scope?: CredentialScope | undefined;
  signedHeaders: string[];
  unsignedPayload: boolean;
  computed: VerifierComputation;
  /** The body's digest, when the verifier read the body for it: a caller needing the same hash can reuse it. */
  bodyDigest?: { digest: DigestName; hex: string } | undefined;
}

export interface Rejected {
  accepted: false;
  reason: RejectionReason;
  /** One sentence a person can act on. */
  detail: string;
  algorithm?: AlgorithmName | undefined;
  accessKey?: string | undefined;
  scope?: CredentialScope | undefined;
  /** As the Authorization header listed them, once it could be parsed. */
  signedHeaders?: string[] | undefined;
  malformed?: AuthorizationProblem | undefined;
  header?: string | undefined;
  skew?: ClockSkew | undefined;
  computed?: VerifierComputation | undefined;
  /** For a signature mismatch: the common signing mistake the client's signature is explained by, if any. */
  hint?: SignatureHint | undefined;
}

export type Verdict = Accepted | Rejected;

const reject = (reason: RejectionReason, detail: string, extra: Omit<Rejected, 'accepted' | 'reason' | 'detail'> = {}): Rejected => ({
  accepted: false,
  reason,
  detail,
  ...extra,
});

/**
 * Verifies an SDK-HMAC-SHA256 / V11-HMAC-SHA256 / SDK-HMAC-SM3 signature the way the gateway does
 * (signing.md §2 model, §4): it accepts what every official SDK sends for an ordinary request and
 * names the first rule a bad request breaks.
 */
export async function verifyRequest(request: ReceivedRequest, options: VerifyOptions): Promise<Verdict> {
  const headers = normalizeHeaders(request.headers);
  const authorizationText = headerValue(headers, 'authorization');
  if (authorizationText === undefined) return reject('authorization-missing', 'the request has no Authorization header');

  const parsed = parseAuthorization(authorizationText);
  if (!parsed.ok) return reject('authorization-malformed', parsed.message, { malformed: parsed.problem });
  const auth = parsed.value;
  const algorithm = algorithmByName(auth.algorithm) as SigningAlgorithm;
  const who = { algorithm: auth.algorithm, accessKey: auth.accessKey, scope: auth.scope, signedHeaders: auth.signedHeaders };

  const secret = secretRecord(await options.lookup(auth.accessKey, auth.algorithm));
  if (!secret) return reject('unknown-key', `access key "${auth.accessKey}" is not known`, who);

  const dateProblem = checkDate(headers, auth, options);
  if (dateProblem) return { ...dateProblem, ...who };

  const missing = auth.signedHeaders.find((name) => !headers.has(name));
  if (missing) return reject('signed-header-missing', `signed header "${missing}" is not in the request`, { ...who, header: missing });

  if (secret.securityToken !== undefined) {
    const token = headerValue(headers, 'x-security-token');
    if (token === undefined) return reject('security-token-missing', 'temporary credentials need an X-Security-Token header', who);
    if (!constantTimeEqual(token, secret.securityToken)) {
      return reject('security-token-mismatch', 'X-Security-Token does not belong to this access key', who);
    }
  }

  const declared = firstHeaderValue(headers, algorithm.contentHashHeaders);
  let payloadHash = declared;
  let bodyDigest: string | undefined;
  if (declared === undefined) {
    payloadHash = bodyDigest = await digestBody(algorithm.digest, request.body);
  } else if (declared !== UNSIGNED_PAYLOAD && (options.checkDeclaredPayloadHash ?? true)) {
    const actual = (bodyDigest = await digestBody(algorithm.digest, request.body));
    if (actual !== declared.toLowerCase()) {
      return reject('body-hash-mismatch', `the declared payload hash ${declared} is not the ${algorithm.digest} of the body received (${actual})`, who);
    }
  }

  const sign = (canonicalRequest: string) =>
    computeSignature({
      algorithm,
      accessKey: auth.accessKey,
      secretKey: secret.secretKey,
      sdkDate: headerValue(headers, 'x-sdk-date') as string,
      scope: auth.scope,
      canonicalRequest,
    });
  const attempt = (hash: string) => {
    const canonical = buildCanonicalRequest(
      { method: request.method, target: request.target, headers, signedHeaders: auth.signedHeaders, payloadHash: hash },
      options,
    );
    const computed = sign(canonical.text);
    const matches = signaturesEqual(computed.signature, auth.signature);
    const explained: VerifierComputation = {
      canonicalRequest: canonical.text,
      canonicalRequestDigest: computed.canonicalRequestDigest,
      stringToSign: computed.stringToSign,
    };
    return { matches, explained, canonical };
  };

  let result = attempt(payloadHash as string);
  if (!result.matches && declared === UNSIGNED_PAYLOAD && (options.emptyUnsignedPayload ?? 'either') === 'either') {
    const empty = EMPTY_DIGEST[algorithm.digest];
    if ((await digestBody(algorithm.digest, request.body)) === empty) {
      const retry = attempt(empty);
      if (retry.matches) result = retry;
    }
  }
  if (!result.matches) {
    if (bodyDigest === undefined && isReReadable(request.body)) bodyDigest = await digestBody(algorithm.digest, request.body);
    const hint = diagnoseSignatureMismatch(
      result.canonical,
      { target: request.target, bodyDigest, emptyDigest: EMPTY_DIGEST[algorithm.digest] },
      (text) => sign(text).signature,
      auth.signature,
    );
    const detail = 'the signature does not match the canonical request the gateway computed';
    return reject('signature-mismatch', hint ? `${detail}; ${hint.hint}` : detail, { ...who, computed: result.explained, hint });
  }
  return {
    accepted: true,
    ...who,
    signedHeaders: auth.signedHeaders,
    unsignedPayload: declared === UNSIGNED_PAYLOAD,
    computed: result.explained,
    bodyDigest: bodyDigest === undefined ? undefined : { digest: algorithm.digest, hex: bodyDigest },
  };
}

/** A body the diagnosis may hash again without consuming it: in memory or an array of chunks. */
const isReReadable = (body: BodySource) => isInMemoryBody(body) || Array.isArray(body);

function checkDate(headers: HeaderMap, auth: ParsedAuthorization, options: VerifyOptions): Rejected | undefined {
  const sdkDate = headerValue(headers, 'x-sdk-date');
  if (sdkDate === undefined) return reject('date-missing', 'the request has no X-Sdk-Date header');
  const date = parseSdkDate(sdkDate);
  if (!date.ok) return reject('date-malformed', `X-Sdk-Date "${sdkDate}" is not a valid YYYYMMDDTHHMMSSZ time`);
  if (!auth.signedHeaders.includes('x-sdk-date')) {
    return reject('date-not-signed', 'x-sdk-date must be one of the SignedHeaders');
  }
  const offsetMs = date.epochMs - options.now;
  if (Math.abs(offsetMs) > (options.maxClockSkewMs ?? LIMITS.maxClockSkewMs)) {
    const skew: ClockSkew = {
      direction: offsetMs < 0 ? 'past' : 'future',
      seconds: Math.round(Math.abs(offsetMs) / 1000),
      signedAt: sdkDate,
      serverTime: formatSdkDate(options.now),
    };
    return reject('date-expired', `X-Sdk-Date ${sdkDate} is ${skew.seconds} s in the ${skew.direction} of the server time ${skew.serverTime}`, { skew });
  }
  if (auth.scope && auth.scope.date !== sdkDate.slice(0, 8)) {
    return reject('scope-mismatch', `the credential scope date ${auth.scope.date} is not the X-Sdk-Date day ${sdkDate.slice(0, 8)}`);
  }
  return undefined;
}

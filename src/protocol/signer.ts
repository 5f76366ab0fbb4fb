import { type AlgorithmName, algorithmByName, type CredentialScope } from './algorithms/index.ts';
import { formatAuthorization } from './authorization.ts';
import {
  buildCanonicalRequest,
  type CanonicalOptions,
  type CanonicalRequest,
  digestInMemoryBody,
  firstHeaderValue,
  type HeaderInput,
  headerValue,
  normalizeHeaders,
  UNSIGNED_PAYLOAD,
} from './canonical/index.ts';
import { formatSdkDate, parseSdkDate } from './sdk-date.ts';
import { computeSignature } from './signature.ts';

export interface SignableRequest {
  method: string;
  /**
   * An absolute URL (the host comes from it unless a Host header is given), or an origin-form target
   * such as `/v1/infers/abc?x=1`, signed byte for byte as written, with the host from the Host header.
   */
  url: string | URL;
  headers?: HeaderInput | undefined;
  /** The exact bytes that will be sent. For a streamed body, pass `payloadHash` instead. */
  body?: string | Uint8Array | null | undefined;
}

export interface SigningCredentials {
  /** AK, or AppKey for app authentication. */
  accessKey: string;
  /** SK, or AppSecret. */
  secretKey: string;
  /** Set with temporary AK/SK: sent, and signed, as X-Security-Token. */
  securityToken?: string | undefined;
}

export interface SignOptions extends CanonicalOptions {
  algorithm?: AlgorithmName | undefined;
  /** The signing time. Required unless the request already carries X-Sdk-Date: the core reads no clock. */
  date?: Date | number | undefined;
  /** V11 scope (V11-HMAC-SHA256, V11-HMAC-SM3): region (e.g. cn-north-4) and service (APIG's own signer uses `apic`). */
  region?: string | undefined;
  service?: string | undefined;
  /** Leave the body out of the signature (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD), e.g. for multipart. */
  unsignedPayload?: boolean | undefined;
  /** Hex digest of a body hashed elsewhere (see `digestBody`), so a stream need not be in memory. */
  payloadHash?: string | undefined;
  /** Names to sign. Default: every header given, plus host and x-sdk-date, except names with '_'. */
  signedHeaders?: readonly string[] | undefined;
}

export interface SigningSteps {
  algorithm: AlgorithmName;
  sdkDate: string;
  scope?: CredentialScope | undefined;
  canonicalRequest: CanonicalRequest;
  canonicalRequestDigest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export interface SignResult {
  /** The headers to add to the request: X-Sdk-Date, Authorization, and any token or payload header. */
  headers: Record<string, string>;
  steps: SigningSteps;
}

export class SigningError extends Error {
  override name = 'SigningError';
}

export const DEFAULT_V11_SERVICE = 'apic';

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function chooseSignedHeaders(present: ReadonlyMap<string, unknown>, explicit: readonly string[] | undefined): string[] {
  if (!explicit) {
    // Map keys are unique already.
    const names: string[] = [];
    for (const name of present.keys()) if (!name.includes('_') && name !== 'authorization') names.push(name);
    return names.sort(byCodeUnits);
  }
  const unique = [...new Set([...explicit.map((name) => name.toLowerCase()), 'x-sdk-date'])].sort();
  const missing = unique.find((name) => !present.has(name));
  if (missing) throw new SigningError(`header "${missing}" is to be signed but the request does not carry it`);
  return unique;
}

function addHeader(added: Record<string, string>, headers: Map<string, string[]>, name: string, value: string): void {
  added[name] = value;
  headers.set(name.toLowerCase(), [value]);
}

function resolveSdkDate(preset: string | undefined, date: Date | number | undefined): { sdkDate: string; added: boolean } {
  if (preset !== undefined) {
    if (!parseSdkDate(preset).ok) throw new SigningError(`X-Sdk-Date "${preset}" is not YYYYMMDDTHHMMSSZ`);
    return { sdkDate: preset, added: false };
  }
  if (date === undefined || Number.isNaN(new Date(date).getTime())) {
    throw new SigningError('a signing date is required (pass options.date or an X-Sdk-Date header)');
  }
  return { sdkDate: formatSdkDate(date), added: true };
}

/** Signs a request with SDK-HMAC-SHA256, V11-HMAC-SHA256, SDK-HMAC-SM3 or V11-HMAC-SM3 (signing.md §1, §3). */
export function signRequest(request: SignableRequest, credentials: SigningCredentials, options: SignOptions = {}): SignResult {
  const algorithm = algorithmByName(options.algorithm ?? 'SDK-HMAC-SHA256');
  if (!algorithm) throw new SigningError(`unknown algorithm "${options.algorithm}"`);
  if (!credentials.accessKey || !credentials.secretKey) throw new SigningError('access key and secret key are required');
  const headers = normalizeHeaders(request.headers);
  const target = resolveTarget(request.url, headers);
  const added: Record<string, string> = {};

  const { sdkDate, added: dateAdded } = resolveSdkDate(headerValue(headers, 'x-sdk-date'), options.date);
  if (dateAdded) addHeader(added, headers, 'X-Sdk-Date', sdkDate);
  if (credentials.securityToken) addHeader(added, headers, 'X-Security-Token', credentials.securityToken);

  const declaredHash = firstHeaderValue(headers, algorithm.contentHashHeaders);
  let payloadHash: string;
  if (declaredHash !== undefined) {
    payloadHash = declaredHash;
  } else if (options.unsignedPayload) {
    addHeader(added, headers, algorithm.digest === 'sm3' ? 'X-Sdk-Content-Sm3' : 'X-Sdk-Content-Sha256', UNSIGNED_PAYLOAD);
    payloadHash = UNSIGNED_PAYLOAD;
  } else {
    payloadHash = options.payloadHash ?? digestInMemoryBody(algorithm.digest, request.body);
  }

  const signedHeaders = chooseSignedHeaders(headers, options.signedHeaders);
  const canonicalRequest = buildCanonicalRequest({ method: request.method.toUpperCase(), target, headers, signedHeaders, payloadHash }, options);
  const scope: CredentialScope | undefined = algorithm.usesScope
    ? { date: sdkDate.slice(0, 8), region: requireRegion(algorithm.name, options.region), service: options.service ?? DEFAULT_V11_SERVICE }
    : undefined;
  const computed = computeSignature({
    algorithm,
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    sdkDate,
    scope,
    canonicalRequest: canonicalRequest.text,
  });
  const authorization = formatAuthorization({
    algorithm: algorithm.name,
    accessKey: credentials.accessKey,
    scope,
    signedHeaders,
    signature: computed.signature,
  });
  added['Authorization'] = authorization;
  return {
    headers: added,
    steps: { algorithm: algorithm.name, sdkDate, scope, canonicalRequest, ...computed, authorization },
  };
}

/** The wire target to sign; sets the host header from an absolute URL when none was given. */
function resolveTarget(url: string | URL, headers: Map<string, string[]>): string {
  if (typeof url === 'string' && url.startsWith('/')) {
    if (!headers.has('host')) throw new SigningError(`"${url}" is a path: give a Host header, or an absolute URL`);
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SigningError(`"${String(url)}" is not an absolute URL or a path starting with "/"`);
  }
  if (!headers.has('host')) headers.set('host', [parsed.host]);
  return parsed.pathname + parsed.search;
}

function requireRegion(algorithm: AlgorithmName, region: string | undefined): string {
  if (!region) throw new SigningError(`${algorithm} needs a region (options.region)`);
  return region;
}

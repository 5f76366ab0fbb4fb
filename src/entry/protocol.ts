/**
 * `apig-kit/protocol`: APIG's request signature, pure and clock-free. Sign (`signRequest`, whose
 * `steps` explain every stage), verify as the gateway does (`verifyRequest`, with the reason for a
 * refusal and a diagnosis of the common mistakes), and the canonical forms and algorithms both use.
 */
export {
  DEFAULT_V11_SERVICE,
  type SignableRequest,
  SigningError,
  type SigningCredentials,
  type SigningSteps,
  type SignOptions,
  signRequest,
  type SignResult,
} from '../protocol/signer.ts';
export {
  type Accepted,
  type ClockSkew,
  type ReceivedRequest,
  type Rejected,
  type RejectionReason,
  type ScopeExpectation,
  type SecretLookup,
  type SecretRecord,
  type Verdict,
  type VerifierComputation,
  type VerifyOptions,
  verifyRequest,
} from '../protocol/verifier.ts';
export { diagnoseSignatureMismatch, type MistakeContext, type SignatureHint } from '../protocol/diagnose.ts';
export {
  type BodySource,
  buildCanonicalRequest,
  type CanonicalInput,
  type CanonicalOptions,
  type CanonicalRequest,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequestText,
  canonicalUri,
  digestBody,
  type DuplicateHeaderRule,
  type HeaderInput,
  type HeaderMap,
  headerValue,
  normalizeHeaders,
  parseWireQuery,
  type PlusInQuery,
  type QueryOptions,
  type QuerySortOrder,
  splitRequestTarget,
  UNSIGNED_PAYLOAD,
} from '../protocol/canonical/index.ts';
export { ALGORITHM_NAMES, type AlgorithmName, algorithmByName, type CredentialScope, type SigningAlgorithm } from '../protocol/algorithms/index.ts';
export { computeSignature, type ComputedSignature, type SignatureInput } from '../protocol/signature.ts';
export { formatAuthorization, type ParsedAuthorization, parseAuthorization } from '../protocol/authorization.ts';
export { formatSdkDate, parseSdkDate } from '../protocol/sdk-date.ts';
export { uriEncode } from '../protocol/percent-encoding.ts';
export { CREDENTIAL_HEADERS, isCredentialHeader } from '../protocol/credential-headers.ts';
export { LIMITS, type Limits } from '../protocol/limits.ts';
export { AUTH_METHOD_IDS, AUTH_METHODS, type AuthMethodId, type AuthMethodInfo, authMethodsOf, isAuthMethodId } from '../protocol/auth-methods.ts';

import {
  type AuthorizationProblem,
  type CanonicalOptions,
  type Rejected,
  type RejectionReason,
  type ScopeExpectation,
  type SecretLookup,
  type Verdict,
  verifyRequest,
} from '../../protocol/index.ts';
import { truncateText } from '../bounds/truncate.ts';
import type { ErrorKey } from '../catalogue.ts';
import type { GatewayRequest } from '../http-model.ts';
import type { Refusal } from '../pipeline/types.ts';
import { redactCanonicalRequest } from '../redaction.ts';

export interface SignatureCheckOptions extends CanonicalOptions {
  now: number;
  maxClockSkewMs: number;
  checkDeclaredPayloadHash: boolean;
  emptyUnsignedPayload: 'either' | 'literal';
  canonicalRequestInErrors: boolean;
  /** At most this many bytes of the canonical request are echoed in an error. */
  maxEchoBytes: number;
  scope?: ScopeExpectation | undefined;
  securityTokenMustBeSigned?: boolean | undefined;
}

/** Which catalogue entry each verifier reason becomes, for IAM (APIG.0301) and app (APIG.0303) APIs. */
const RULES: Record<'iam' | 'app', Record<RejectionReason, ErrorKey>> = {
  iam: {
    'authorization-missing': 'iam.token-missing',
    'authorization-malformed': 'iam.authorization-malformed',
    'unknown-key': 'iam.ak-unknown',
    'date-missing': 'iam.date-missing',
    'date-malformed': 'iam.date-malformed',
    'date-not-signed': 'iam.signature-mismatch',
    'date-expired': 'iam.signature-expired',
    'scope-mismatch': 'iam.signature-mismatch',
    'signed-header-missing': 'iam.signed-header-missing',
    'security-token-missing': 'iam.security-token-invalid',
    'security-token-mismatch': 'iam.security-token-invalid',
    'security-token-unsigned': 'iam.security-token-unsigned',
    'body-hash-mismatch': 'iam.signature-mismatch',
    'signature-mismatch': 'iam.signature-mismatch',
  },
  app: {
    'authorization-missing': 'app.credentials-missing',
    'authorization-malformed': 'app.authorization-malformed',
    'unknown-key': 'app.key-unknown',
    'date-missing': 'app.date-missing',
    'date-malformed': 'app.date-malformed',
    'date-not-signed': 'app.signature-mismatch',
    'date-expired': 'app.signature-expired',
    'scope-mismatch': 'app.signature-mismatch',
    'signed-header-missing': 'app.signed-header-missing',
    'security-token-missing': 'app.signature-mismatch',
    'security-token-mismatch': 'app.signature-mismatch',
    'security-token-unsigned': 'app.signature-mismatch',
    'body-hash-mismatch': 'app.signature-mismatch',
    'signature-mismatch': 'app.signature-mismatch',
  },
};

/** Malformed Authorization values that have an entry of their own; the rest are `*.authorization-malformed`. */
const MALFORMED_RULES: Partial<Record<AuthorizationProblem, Record<'iam' | 'app', ErrorKey>>> = {
  'repeated-signed-header': { iam: 'iam.signed-headers-repeated', app: 'app.signed-headers-repeated' },
  'unknown-algorithm': { iam: 'iam.algorithm-unknown', app: 'app.algorithm-unknown' },
  'missing-access': { iam: 'iam.access-missing', app: 'app.access-missing' },
};

/**
 * The gateway echoes its canonical request with '\n' as '|' (gateway.md §2.1, §2.2). A signed
 * credential header (X-Security-Token) has its value redacted: the mock never sends a secret back.
 */
function pipeJoined(canonicalRequest: string, maxBytes: number): string {
  return `, canonicalRequest:${truncateText(redactCanonicalRequest(canonicalRequest).split('\n').join('|'), maxBytes)}`;
}

export async function checkSignature(
  family: 'iam' | 'app',
  request: GatewayRequest,
  body: readonly Buffer[],
  lookup: SecretLookup,
  options: SignatureCheckOptions,
): Promise<{ verdict: Verdict; refusal?: Refusal }> {
  const verdict = await verifyRequest(
    { method: request.method, target: request.target, headers: request.headers, body },
    {
      lookup,
      now: options.now,
      maxClockSkewMs: options.maxClockSkewMs,
      checkDeclaredPayloadHash: options.checkDeclaredPayloadHash,
      emptyUnsignedPayload: options.emptyUnsignedPayload,
      plus: options.plus,
      sort: options.sort,
      duplicateHeaders: options.duplicateHeaders,
      scope: options.scope,
      securityTokenMustBeSigned: options.securityTokenMustBeSigned,
    },
  );
  if (verdict.accepted) return { verdict };
  return refuse(family, verdict, options);
}

function refuse(family: 'iam' | 'app', verdict: Rejected, options: SignatureCheckOptions): { verdict: Verdict; refusal: Refusal } {
  const rule: ErrorKey = (verdict.malformed && MALFORMED_RULES[verdict.malformed]?.[family]) || RULES[family][verdict.reason];
  const params: Record<string, string> = {
    algorithm: verdict.offeredAlgorithm ?? '(not shown: it is not an algorithm name)',
    accessKey: verdict.accessKey ?? '',
    appKey: verdict.accessKey ?? '',
    header: verdict.header ?? '',
    signedAt: verdict.skew?.signedAt ?? '',
    serverTime: verdict.skew?.serverTime ?? '',
    canonicalRequest: verdict.computed && options.canonicalRequestInErrors ? pipeJoined(verdict.computed.canonicalRequest, options.maxEchoBytes) : '',
  };
  return { verdict, refusal: { rule, params, detail: `${verdict.reason}: ${verdict.detail}`, verdict } };
}

import { headerValue } from '../../protocol/index.ts';
import { scrubTextsInPlace } from '../bounds/fit-to-bytes.ts';
import type { GatewayResponse } from '../http-model.ts';
import type { JournalEntry } from '../state/journal.ts';
import { describePrincipal } from '../pipeline/types.ts';
import { redactCanonicalRequest, redactedSignature, redactHeaders } from '../redaction.ts';
import type { MockState } from '../state/mock-state.ts';
import type { ExchangeContext } from './context.ts';

export const TEST_ID_HEADER = 'x-apig-kit-test-id';

/** The fields of an entry that can repeat what a client sent. */
const CLIENT_FIELDS = ['testId', 'target', 'detail', 'reason', 'violations', 'signature', 'headers', 'forwarded'] as const;

const isValidTime = (ms: number) => Number.isFinite(new Date(ms).getTime());

/** For a signature: what the gateway computed (no secret, no expected signature). */
function signatureOf(context: ExchangeContext): JournalEntry['signature'] {
  const verdict = context.auth?.verdict;
  if (!verdict || (!verdict.accepted && !verdict.accessKey)) return undefined;
  return {
    algorithm: verdict.algorithm ?? '',
    accessKey: verdict.accessKey ?? '',
    signedHeaders: verdict.signedHeaders ?? [],
    canonicalRequest: verdict.computed && redactCanonicalRequest(verdict.computed.canonicalRequest),
    stringToSign: verdict.computed?.stringToSign,
    hint: !verdict.accepted && verdict.hint ? { id: verdict.hint.id, canonicalRequest: redactCanonicalRequest(verdict.hint.canonicalRequest) } : undefined,
  };
}

/** The Authorization as redacted from the verdict, when the verifier parsed it. */
function parsedSignatureOf(context: ExchangeContext): string | undefined {
  const verdict = context.auth?.verdict;
  if (!verdict?.algorithm || verdict.accessKey === undefined || !verdict.signedHeaders) return undefined;
  return redactedSignature({ algorithm: verdict.algorithm, accessKey: verdict.accessKey, scope: verdict.scope, signedHeaders: verdict.signedHeaders });
}

/** The one place a finished exchange becomes its journal entry (credentials redacted, secrets masked). */
export function journalEntryOf(context: ExchangeContext, response: GatewayResponse, state: MockState): Omit<JournalEntry, 'sequence'> {
  const entry = rawEntryOf(context, response);
  const scrub = (text: string) => state.world.scrubSecrets(text);
  // The gateway's own words (method, rule, code, verdict, time) are left alone: a secret may be a common word.
  for (const field of CLIENT_FIELDS) {
    const value = entry[field];
    if (typeof value === 'string') (entry as Record<string, unknown>)[field] = scrub(value);
    else if (value !== null && typeof value === 'object') scrubTextsInPlace(value, scrub);
  }
  return entry;
}

function rawEntryOf(context: ExchangeContext, response: GatewayResponse): Omit<JournalEntry, 'sequence'> {
  const { request, decision } = context;
  return {
    requestId: context.requestId,
    testId: headerValue(request.headers, TEST_ID_HEADER),
    time: isValidTime(context.receivedAt) ? new Date(context.receivedAt).toISOString() : String(context.receivedAt),
    method: request.method,
    target: request.target,
    serviceId: context.route?.service.id,
    auth: context.auth?.method ?? context.authLabel,
    principal: describePrincipal(context.auth?.principal),
    status: response.status,
    errorCode: decision?.errorCode,
    verdict: decision?.verdict ?? 'rejected',
    rule: decision?.rule,
    reason: decision?.reason,
    detail: decision?.detail,
    violations: context.violations.length > 0 ? context.violations : undefined,
    signature: signatureOf(context),
    headers: redactHeaders(request.headers, parsedSignatureOf(context)),
    bodyBytes: context.bodyBytes,
    forwarded: context.forwarded,
    durationMs: Math.round(performance.now() - context.started),
  };
}

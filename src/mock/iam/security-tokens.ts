import { headerValue } from '../../protocol/index.ts';
import { type GatewayResponse, jsonResponse } from '../http-model.ts';
import { isRecord, parseJson } from '../models/json-body.ts';
import type { IssuedCredentials } from '../state/issued-credentials.ts';
import type { WorldIndex } from '../state/world-index.ts';
import { KEYSTONE_ERRORS, type KeystoneError, keystoneError } from './keystone-errors.ts';
import { readToken } from './token-codec.ts';
import { formatIamTime } from './token-body.ts';

/**
 * POST /v3.0/OS-CREDENTIAL/securitytokens (IAM_SECURITY_TOKENS_PATH), "Obtaining a Temporary Access Key and Security Token
 * Through a Token" (Huawei IAM API reference, iam_04_0002). What it documents: the URI and POST;
 * X-Auth-Token, or `auth.identity.token.id` in the body, the header checked first;
 * `auth.identity.methods` is `["token"]`; the validity `duration_seconds` (spelt `duration-seconds`
 * in the older Chinese edition, so both are read) from 15 min to 24 h, default 15 min; answer 201
 * `{"credential":{"access","expires_at","secret","securitytoken"}}`; statuses 400 (invalid
 * parameter), 401 (authentication failed), 403, 500. The error bodies are not documented ("错误码: 无"):
 * inferred, Keystone's shape as /v3/auth/tokens answers (gateway.md §5.2).
 */

/** Documented: 15 minutes to 24 hours, 15 minutes by default. */
export const MIN_DURATION_SECONDS = 15 * 60;
export const MAX_DURATION_SECONDS = 24 * 60 * 60;
export const DEFAULT_DURATION_SECONDS = MIN_DURATION_SECONDS;

export interface SecurityTokensContext {
  world: WorldIndex;
  issued: IssuedCredentials;
  now: number;
  signingKey: string;
}

export interface SecurityTokensRequest {
  method: string;
  headers: Parameters<typeof headerValue>[0];
  body: Buffer;
}

type Parsed = { ok: true; bodyToken: string | undefined; durationSeconds: number } | { ok: false; error: KeystoneError };

function parseBody(body: Buffer): Parsed {
  const invalid = { ok: false, error: KEYSTONE_ERRORS.bodyInvalid } as const;
  const json = parseJson(body);
  if (!json.ok || !isRecord(json.value) || !isRecord(json.value['auth'])) return invalid;
  const identity = json.value['auth']['identity'];
  if (!isRecord(identity)) return invalid;
  const methods = identity['methods'];
  if (!Array.isArray(methods) || methods.length !== 1 || methods[0] !== 'token') return invalid;
  const token = identity['token'];
  if (token !== undefined && !isRecord(token)) return invalid;
  const id = token?.['id'];
  if (id !== undefined && typeof id !== 'string') return invalid;
  const field = token && ('duration_seconds' in token ? 'duration_seconds' : 'duration-seconds' in token ? 'duration-seconds' : undefined);
  const duration = field === undefined ? undefined : token![field];
  if (field === undefined) return { ok: true, bodyToken: id, durationSeconds: DEFAULT_DURATION_SECONDS };
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
    return { ok: false, error: KEYSTONE_ERRORS.durationInvalid };
  }
  return { ok: true, bodyToken: id, durationSeconds: duration };
}

export function handleSecurityTokens(request: SecurityTokensRequest, context: SecurityTokensContext): GatewayResponse {
  // Inferred, as for /v3/auth/tokens: IAM documents no answer for another method.
  if (request.method !== 'POST') return keystoneError(KEYSTONE_ERRORS.methodNotAllowed, { Allow: 'POST' });
  const parsed = parseBody(request.body);
  if (!parsed.ok) return keystoneError(parsed.error);
  // Documented: the header wins when both are given. An AK/SK-signed call (the newer edition's
  // alternative) is not modelled: without a token it is refused as unauthenticated (inferred).
  const token = headerValue(request.headers, 'x-auth-token')?.trim() || parsed.bodyToken?.trim();
  if (!token) return keystoneError(KEYSTONE_ERRORS.authenticationRequired);
  const reading = readToken(token, context.signingKey);
  if (!reading.ok || context.now >= reading.claims.expiresAt) return keystoneError(KEYSTONE_ERRORS.authenticationRequired);
  // A token of a user since deleted is revoked (gateway.md §3.1). A domain-scoped token is
  // accepted: the API asks for "an IAM user token" of any scope (inferred from its silence).
  const user = context.world.userById(reading.claims.userId);
  const account = user && context.world.accountByName(user.account);
  if (!user || !account) return keystoneError(KEYSTONE_ERRORS.authenticationRequired);
  const key = context.issued.issue(user, account, context.now + parsed.durationSeconds * 1000);
  return jsonResponse(201, {
    credential: { access: key.accessKey, expires_at: formatIamTime(key.expiresAt!), secret: key.secretKey, securitytoken: key.securityToken },
  });
}

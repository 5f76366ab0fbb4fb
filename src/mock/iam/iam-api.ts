import { type HeaderMap, headerValue } from '../../protocol/index.ts';
import { type GatewayResponse, jsonResponse } from '../http-model.ts';
import type { WorldIndex } from '../state/world-index.ts';
import { KEYSTONE_ERRORS, type KeystoneError, keystoneError } from './keystone-errors.ts';
import { authenticateWithPassword } from './password-auth.ts';
import { parsePasswordRequest } from './password-request.ts';
import type { TokenClaims } from './token-claims.ts';
import { issueToken, readToken } from './token-codec.ts';
import { tokenBody } from './token-body.ts';

export interface IamTokensRequest {
  method: string;
  /** The query string, with or without its leading '?'. */
  query: string;
  headers: HeaderMap;
  body: Buffer;
}

export interface IamContext {
  world: WorldIndex;
  /** The gateway clock, epoch ms. */
  now: number;
  tokenLifetimeMs: number;
  signingKey: string;
}

const ALLOWED_METHODS = 'GET, HEAD, POST';

/**
 * /v3/auth/tokens (gateway.md §5): POST issues a token by password, GET and HEAD validate one.
 * An AK/SK Authorization header is ignored: the official SDK signs its IAM call with dummy keys.
 */
export function handleIamTokens(request: IamTokensRequest, context: IamContext): GatewayResponse {
  switch (request.method) {
    case 'POST':
      return createToken(request, context);
    case 'GET':
      return validateToken(request, context, { withBody: true });
    case 'HEAD':
      return validateToken(request, context, { withBody: false });
    default:
      // Inferred: IAM documents no answer for other methods; this is Keystone's 405.
      return keystoneError(KEYSTONE_ERRORS.methodNotAllowed, { Allow: ALLOWED_METHODS });
  }
}

function createToken(request: IamTokensRequest, context: IamContext): GatewayResponse {
  const parsed = parsePasswordRequest(request.body);
  if (!parsed) return keystoneError(KEYSTONE_ERRORS.bodyInvalid);
  const authentication = authenticateWithPassword(parsed, context.world, context.now, context.tokenLifetimeMs);
  if (!authentication.ok) return keystoneError(authentication.error);
  const { claims } = authentication;
  const token = issueToken(claims, context.signingKey);
  return jsonResponse(201, tokenBody(claims, { catalog: wantsCatalog(request.query) }), { 'X-Subject-Token': token });
}

function validateToken(request: IamTokensRequest, context: IamContext, options: { withBody: boolean }): GatewayResponse {
  const refuse = (error: KeystoneError) => (options.withBody ? keystoneError(error) : statusOnly(error.code));
  const callerToken = headerValue(request.headers, 'X-Auth-Token')?.trim();
  if (!liveClaims(callerToken, context)) return refuse(KEYSTONE_ERRORS.authenticationRequired);
  const subjectToken = headerValue(request.headers, 'X-Subject-Token')?.trim() ?? '';
  const subject = liveClaims(subjectToken, context);
  if (!subject) return refuse(KEYSTONE_ERRORS.subjectTokenInvalid);
  if (!options.withBody) return statusOnly(200);
  return jsonResponse(200, tokenBody(subject, { catalog: wantsCatalog(request.query) }), { 'X-Subject-Token': subjectToken });
}

/** The claims of a token made with this key that has not yet expired on the gateway clock, of a user who still exists (gateway.md §3.1). */
function liveClaims(token: string | undefined, context: IamContext): TokenClaims | undefined {
  if (!token) return undefined;
  const reading = readToken(token, context.signingKey);
  return reading.ok && context.now < reading.claims.expiresAt && context.world.userById(reading.claims.userId) ? reading.claims : undefined;
}

/** `nocatalog=<any non-empty value>` leaves the catalog empty (gateway.md §5.1). */
function wantsCatalog(query: string): boolean {
  const noCatalog = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query).getAll('nocatalog');
  return !noCatalog.some((value) => value.length > 0);
}

function statusOnly(status: number): GatewayResponse {
  return { status, headers: {}, body: '' };
}

import { headerValue, parseAuthorization, parseSdkDate } from '../../protocol/index.ts';
import type { GatewayRequest } from '../http-model.ts';
import { readToken } from '../iam/token-codec.ts';
import type { WorldIndex } from '../state/world-index.ts';
import type { BodyHolder } from '../state/body-budget.ts';
import type { Route } from './types.ts';

export interface CredibilityContext {
  world: WorldIndex;
  now: number;
  maxClockSkewMs: number;
}

/** A signature from a key this world knows, dated within the skew window: not yet verified (that needs the body). */
function credibleSignature(request: GatewayRequest, context: CredibilityContext, knows: (key: string) => boolean): boolean {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) return false;
  const parsed = parseAuthorization(authorization);
  if (!parsed.ok || !knows(parsed.value.accessKey)) return false;
  const date = parseSdkDate(headerValue(request.headers, 'x-sdk-date') ?? '');
  return date.ok && Math.abs(date.epochMs - context.now) <= context.maxClockSkewMs;
}

/**
 * Whether a request's body is worth buffering before its verdict: its credentials, read from the
 * headers alone, are ones this world recognises. A body without them may hold only the anonymous
 * share of the body budget, so unauthenticated uploads cannot shut out authenticated ones.
 */
export function bodyHolderOf(route: Route, request: GatewayRequest, context: CredibilityContext): BodyHolder {
  const { world } = context;
  if (route.auth === 'iam') {
    const token = headerValue(request.headers, 'x-auth-token');
    if (token !== undefined) {
      const read = readToken(token.trim(), world.world.tokenSigningKey);
      return read.ok && context.now < read.claims.expiresAt ? 'credible' : 'anonymous';
    }
    return credibleSignature(request, context, (ak) => world.iamKey(ak) !== undefined) ? 'credible' : 'anonymous';
  }
  const appCode = headerValue(request.headers, 'x-apig-appcode');
  if (appCode !== undefined) return world.appByCode(appCode.trim()) ? 'credible' : 'anonymous';
  const apiKey = headerValue(request.headers, 'apikey');
  if (apiKey !== undefined && world.appByKey(apiKey.trim())) return 'credible';
  return credibleSignature(request, context, (key) => world.appByKey(key) !== undefined) ? 'credible' : 'anonymous';
}

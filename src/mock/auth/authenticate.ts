import { headerValue, type ScopeExpectation } from '../../protocol/index.ts';
import type { Behaviour, GatewayLimits } from '../config/schema.ts';
import type { GatewayRequest } from '../http-model.ts';
import { formatIamTime } from '../iam/token-body.ts';
import { readToken } from '../iam/token-codec.ts';
import type { AkLockout } from '../state/ak-lockout.ts';
import type { AuthOutcome, Route } from '../pipeline/types.ts';
import type { WorldIndex } from '../state/world-index.ts';
import { checkSignature, type SignatureCheckOptions } from './signature-auth.ts';

export interface AuthContext {
  world: WorldIndex;
  now: number;
  limits: GatewayLimits;
  behaviour: Behaviour;
  lockout: AkLockout;
  /** The mock serves HTTPS somewhere (behaviour.simpleAuthOverHttp). */
  httpsServed: boolean;
}

function signatureOptions(context: AuthContext): SignatureCheckOptions {
  const b = context.behaviour;
  return {
    now: context.now,
    maxClockSkewMs: context.limits.maxClockSkewMs,
    checkDeclaredPayloadHash: b.checkDeclaredPayloadHash,
    emptyUnsignedPayload: b.emptyUnsignedPayload,
    canonicalRequestInErrors: b.canonicalRequestInErrors,
    maxEchoBytes: b.maxEchoBytes,
    plus: b.queryPlus,
    sort: b.querySort,
    duplicateHeaders: b.duplicateHeaders,
    scope: v11ScopeExpectation(b, context.world.world.region),
    securityTokenMustBeSigned: b.securityToken === 'signed',
  };
}

/** behaviour.v11Scope as the verifier's expectation (inferred: see the schema). */
function v11ScopeExpectation(b: Behaviour, region: string): ScopeExpectation | undefined {
  if (b.v11Scope === 'any') return undefined;
  return { region, services: b.v11Scope === 'region-and-service' ? b.v11ScopeServices : undefined };
}

/** An Authorization header that is not a Bearer/Basic credential is read as a signature attempt. */
function signatureAttempt(request: GatewayRequest): boolean {
  const authorization = headerValue(request.headers, 'authorization');
  return authorization !== undefined && !/^(Bearer|Basic)\s/i.test(authorization);
}

function accessKeyOf(request: GatewayRequest): string | undefined {
  return /(?:Access|Credential)=([^,/\s]+)/.exec(headerValue(request.headers, 'authorization') ?? '')?.[1];
}

/**
 * IAM APIs: X-Auth-Token first, then an AK/SK signature (gateway.md §3.8, inferred precedence).
 * The AK lockout is checked before the signature; only a known AK's failures count towards it.
 */
async function authenticateIam(request: GatewayRequest, body: readonly Buffer[], context: AuthContext): Promise<AuthOutcome> {
  const token = headerValue(request.headers, 'x-auth-token');
  if (token !== undefined) {
    const read = readToken(token.trim(), context.world.world.tokenSigningKey);
    if (!read.ok) return { method: 'token', refusal: { rule: 'iam.token-undecodable', detail: `the token is ${read.problem}` } };
    if (context.now >= read.claims.expiresAt) {
      // As IAM wrote it in the token body: six fractional digits (gateway.md §5.1).
      const expiresAt = formatIamTime(read.claims.expiresAt);
      const rule = context.behaviour.expiredToken === 'must-be-updated' ? 'iam.token-must-be-updated' : 'iam.token-expired';
      return { method: 'token', refusal: { rule, params: { expiresAt }, detail: `the token expired at ${expiresAt}` } };
    }
    // A deleted user's tokens are revoked (gateway.md §3.1, documented); APIG.0307 is the documented answer to a revoked token (§2).
    if (!context.world.userById(read.claims.userId)) {
      return { method: 'token', refusal: { rule: 'iam.token-must-be-updated', detail: `the token's user ${read.claims.userName} no longer exists` } };
    }
    return { method: 'token', principal: { kind: 'token', claims: read.claims } };
  }
  if (!signatureAttempt(request)) {
    return { method: undefined, refusal: { rule: 'iam.token-missing', detail: 'neither X-Auth-Token nor an AK/SK signature was sent' } };
  }
  const accessKey = accessKeyOf(request);
  if (accessKey && context.lockout.isLocked(accessKey, context.now)) {
    return { method: 'aksk', refusal: { rule: 'iam.ak-locked', detail: `AK ${accessKey} is locked after repeated failures` } };
  }
  const known = accessKey === undefined ? undefined : context.world.iamKey(accessKey);
  if (known?.status === 'inactive') {
    const rule = context.behaviour.disabledAccessKey === 'unauthorized' ? 'iam.ak-rejected' : 'iam.ak-unknown';
    return { method: 'aksk', refusal: { rule, params: { accessKey: known.accessKey }, detail: `AK ${known.accessKey} is disabled` } };
  }
  // A temporary AK/SK past its expires_at: "calc ak sk signature fail:signature expired" (gateway.md §2.1, documented for this case).
  if (known?.expiresAt !== undefined && context.now >= known.expiresAt) {
    return {
      method: 'aksk',
      refusal: { rule: 'iam.temporary-key-expired', detail: `the temporary AK ${known.accessKey} expired at ${new Date(known.expiresAt).toISOString()}` },
    };
  }
  const { verdict, refusal } = await checkSignature(
    'iam',
    request,
    body,
    (ak) => {
      const key = context.world.iamKey(ak);
      return key && { secretKey: key.secretKey, securityToken: key.securityToken };
    },
    signatureOptions(context),
  );
  if (verdict.accepted) {
    context.lockout.recordSuccess(verdict.accessKey);
    return { method: 'aksk', verdict, principal: { kind: 'aksk', key: context.world.iamKey(verdict.accessKey)! } };
  }
  if (verdict.reason !== 'unknown-key' && verdict.accessKey) context.lockout.recordFailure(verdict.accessKey, context.now);
  return { method: 'aksk', verdict, refusal };
}

const SIMPLE_AUTH_LABEL = { appcode: 'X-Apig-AppCode', apikey: 'apikey' } as const;

/**
 * Simple authentication "supports only HTTPS" (gateway.md §3.4, documented); the answer to it over
 * plain HTTP, 400 APIG.0607, is inferred. Judged before the credential is looked at, as the
 * protocol comes first in APIG's order (§7).
 */
function plainHttpRefusal(method: 'appcode' | 'apikey', request: GatewayRequest, context: AuthContext): AuthOutcome | undefined {
  const rule = context.behaviour.simpleAuthOverHttp;
  if (request.tls === true || rule === 'accept' || (rule === 'refuse-if-https' && !context.httpsServed)) return undefined;
  return {
    method,
    refusal: {
      rule: 'app.simple-auth-https-only',
      params: { protocol: 'HTTPS' },
      detail: `${SIMPLE_AUTH_LABEL[method]} was sent over plain HTTP: simple authentication supports only HTTPS`,
    },
  };
}

/** App APIs: X-Apig-AppCode, then an AppKey/AppSecret signature, then `apikey` (gateway.md §3.8). */
async function authenticateApp(request: GatewayRequest, body: readonly Buffer[], context: AuthContext): Promise<AuthOutcome> {
  const appCode = headerValue(request.headers, 'x-apig-appcode');
  if (appCode !== undefined) {
    const overHttp = plainHttpRefusal('appcode', request, context);
    if (overHttp) return overHttp;
    const app = context.world.appByCode(appCode.trim());
    return app
      ? { method: 'appcode', principal: { kind: 'app', app } }
      : { method: 'appcode', refusal: { rule: 'app.appcode-unknown', detail: 'no app has this AppCode' } };
  }
  if (signatureAttempt(request)) {
    const { verdict, refusal } = await checkSignature(
      'app',
      request,
      body,
      (key) => {
        const app = context.world.appByKey(key);
        return app && { secretKey: app.secret };
      },
      signatureOptions(context),
    );
    if (verdict.accepted) return { method: 'app', verdict, principal: { kind: 'app', app: context.world.appByKey(verdict.accessKey)! } };
    return { method: 'app', verdict, refusal };
  }
  const apiKey = headerValue(request.headers, 'apikey');
  if (apiKey !== undefined) {
    const overHttp = plainHttpRefusal('apikey', request, context);
    if (overHttp) return overHttp;
    const app = context.world.appByKey(apiKey.trim());
    return app
      ? { method: 'apikey', principal: { kind: 'app', app } }
      : { method: 'apikey', refusal: { rule: 'app.key-unknown', params: { appKey: apiKey.trim() }, detail: 'no app has this AppKey' } };
  }
  return { method: undefined, refusal: { rule: 'app.credentials-missing', detail: 'no X-Apig-AppCode, app signature or apikey was sent' } };
}

export function authenticate(route: Route, request: GatewayRequest, body: readonly Buffer[], context: AuthContext): Promise<AuthOutcome> {
  return route.auth === 'iam' ? authenticateIam(request, body, context) : authenticateApp(request, body, context);
}

/**
 * Whose body the gateway buffers from the credible share of its body budget (ARCHITECTURE
 * "Bounds"): a request whose headers alone carry credentials this world recognises — a live token
 * of this world, a known AK or AppKey with an X-Sdk-Date inside the ±15 min window (gateway.md
 * §3.2), a known AppCode or apikey. Anything else is anonymous, whatever it claims.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S, demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { issueToken } from '../../src/mock/iam/token-codec.ts';
import { bodyHolderOf } from '../../src/mock/pipeline/credible.ts';
import type { Route } from '../../src/mock/pipeline/types.ts';
import { WorldIndex } from '../../src/mock/state/world-index.ts';
import { formatSdkDate } from '../../src/protocol/index.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';

const world = new WorldIndex(demoWorld());
const NOW = Date.parse('2026-11-23T09:00:00Z');
const SKEW = 15 * 60_000;
const route = (id: string): Route => ({ service: world.service(id)!, subPath: '', stage: 'RELEASE', auth: world.service(id)!.auth });
const IAM = route(S.iris);
const APP = route(S.irisApp);

const request = (headers: Array<[string, string]>): GatewayRequest =>
  toGatewayRequest({
    method: 'POST',
    target: '/v1/infers/x',
    headers: [['host', 'gw.apig-kit.test'], ...headers],
    body: new Uint8Array(),
    chunkSizes: [],
    declaredLength: 'none',
  });
const holder = (r: Route, headers: Array<[string, string]>, now = NOW) => bodyHolderOf(r, request(headers), { world, now, maxClockSkewMs: SKEW });

const signature = (key: string, signedAt: number): Array<[string, string]> => [
  ['x-sdk-date', formatSdkDate(signedAt)],
  ['authorization', `SDK-HMAC-SHA256 Access=${key}, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`],
];

const tokenOf = (key: string, expiresAt: number) =>
  issueToken(
    {
      userId: 'u',
      userName: C.user,
      domainId: 'd',
      domainName: C.account,
      scope: { kind: 'project', projectId: 'p', projectName: 'cn-north-4' },
      methods: ['password'],
      issuedAt: expiresAt - 86_400_000,
      expiresAt,
    },
    key,
  );

describe('IAM APIs', () => {
  const key = demoWorld().tokenSigningKey;

  it('a token of this world is credible until its expiry instant, trimmed of blanks', () => {
    expect(holder(IAM, [['x-auth-token', tokenOf(key, NOW + 1)]])).toBe('credible');
    expect(holder(IAM, [['x-auth-token', ` ${tokenOf(key, NOW + 1)} `]])).toBe('credible');
    expect(holder(IAM, [['x-auth-token', tokenOf(key, NOW)]])).toBe('anonymous');
    expect(holder(IAM, [['x-auth-token', tokenOf(key, NOW - 1)]])).toBe('anonymous');
  });

  it('a forged or garbled token is anonymous, and a signature beside it does not help', () => {
    expect(holder(IAM, [['x-auth-token', tokenOf('another-key', NOW + 60_000)]])).toBe('anonymous');
    expect(holder(IAM, [['x-auth-token', 'MIIgarbage'], ...signature(C.accessKey, NOW)])).toBe('anonymous');
  });

  it('a known AK dated within ±15 min is credible; at 15 min exactly too, 1 ms later not', () => {
    expect(holder(IAM, signature(C.accessKey, NOW))).toBe('credible');
    expect(holder(IAM, signature(C.accessKey, NOW + SKEW))).toBe('credible');
    expect(holder(IAM, signature(C.accessKey, NOW - SKEW))).toBe('credible');
    // X-Sdk-Date has whole seconds: 1 s past the window on either side.
    expect(holder(IAM, signature(C.accessKey, NOW + SKEW + 1000))).toBe('anonymous');
    expect(holder(IAM, signature(C.accessKey, NOW - SKEW - 1000))).toBe('anonymous');
  });

  it('an unknown AK, an AppKey, a missing or malformed date, or no signature is anonymous', () => {
    expect(holder(IAM, signature('NOSUCHAKAPIGKIT000001', NOW))).toBe('anonymous');
    expect(holder(IAM, signature(C.appKey, NOW))).toBe('anonymous');
    expect(holder(IAM, [signature(C.accessKey, NOW)[1]!])).toBe('anonymous');
    expect(holder(IAM, [['x-sdk-date', '2026-11-23T09:00:00Z'], signature(C.accessKey, NOW)[1]!])).toBe('anonymous');
    expect(holder(IAM, [['authorization', 'SDK-HMAC-SHA256 nonsense'], signature(C.accessKey, NOW)[0]!])).toBe('anonymous');
    expect(holder(IAM, [])).toBe('anonymous');
  });
});

describe('app APIs', () => {
  it('a known AppCode is credible (trimmed); an unknown one is anonymous even with a good apikey beside it', () => {
    expect(holder(APP, [['x-apig-appcode', C.appCode]])).toBe('credible');
    expect(holder(APP, [['x-apig-appcode', ` ${C.appCode} `]])).toBe('credible');
    expect(
      holder(APP, [
        ['x-apig-appcode', 'nope'],
        ['apikey', C.appKey],
      ]),
    ).toBe('anonymous');
  });

  it('a known apikey is credible (trimmed); an unknown one is not', () => {
    expect(holder(APP, [['apikey', C.appKey]])).toBe('credible');
    expect(holder(APP, [['apikey', ` ${C.appKey}\t`]])).toBe('credible');
    expect(holder(APP, [['apikey', 'nope']])).toBe('anonymous');
  });

  it('an AppKey signature dated within the window is credible; an IAM AK or a stale date is not', () => {
    expect(holder(APP, signature(C.appKey, NOW))).toBe('credible');
    expect(holder(APP, [['apikey', 'nope'], ...signature(C.appKey, NOW)])).toBe('credible');
    expect(holder(APP, signature(C.accessKey, NOW))).toBe('anonymous');
    expect(holder(APP, signature(C.appKey, NOW - SKEW - 1000))).toBe('anonymous');
    expect(holder(APP, [])).toBe('anonymous');
  });

  it('a token means nothing to an app API', () => {
    expect(holder(APP, [['x-auth-token', tokenOf(demoWorld().tokenSigningKey, NOW + 60_000)]])).toBe('anonymous');
  });
});

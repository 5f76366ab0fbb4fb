/**
 * Pipeline steps at their edges: the backend call under the timeout (gateway.md §6.5: abort the
 * upstream at the timeout, answer 504), the debug headers' upstream latency and rate-limit window
 * (§1.2, §4: one-second windows), the body memory budget's first-come-first-served admission, and
 * IAM token validation with blanks around the tokens (§5.3).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { handleIamTokens } from '../../src/mock/iam/iam-api.ts';
import { BodyBudget } from '../../src/mock/state/body-budget.ts';
import { normalizeHeaders } from '../../src/protocol/index.ts';
import { C, expectApigError, expectNoUnexpected500, FROZEN_CLOCK, gatewayApp, issueToken, post, S } from './support.ts';

afterAll(expectNoUnexpected500);

const APPCODE = { 'X-Apig-AppCode': C.appCode };
const ECHO_APP = `/v1/infers/${S.echoApp}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const settled = async (promise: Promise<unknown> | undefined) =>
  promise === undefined || Promise.race([promise.then(() => true), new Promise((r) => setImmediate(() => r(false)))]);

describe('the backend call', () => {
  it('a delay fault is cut off at the backend timeout, not waited out', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 100 } });
    app.gateway.faults.set(S.echoApp, { delayMs: 20_000, probability: 1, seed: 1 });
    const started = Date.now();
    expectApigError(await post(app, ECHO_APP, APPCODE, '{}'), 504, 'APIG.0203', 'Backend timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves no timer behind once the model has answered', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 600_000 } });
    await post(app, IRIS_APP, APPCODE);
    const before = timers();
    for (let i = 0; i < 3; i++) expect((await post(app, IRIS_APP, APPCODE)).status).toBe(200);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('an injected status reports an upstream latency no longer than the whole call', async () => {
    const app = gatewayApp();
    app.gateway.faults.set(S.echoApp, { status: 503, probability: 1, seed: 1 });
    const res = await post(app, ECHO_APP, { ...APPCODE, 'X-Apig-Mode': 'debug' }, '{}');
    expect(res.status).toBe(503);
    const upstream = Number(res.headers['x-apig-upstream-latency']);
    expect(upstream).toBeGreaterThanOrEqual(0);
    expect(upstream).toBeLessThanOrEqual(Number(res.headers['x-apig-latency']));
  });
});

describe('X-Apig-RateLimit-api-allenv on a refused call', () => {
  it('counts only the calls of the current second', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { apiRateLimitPerSecond: 3 } });
    await post(app, IRIS_APP, APPCODE);
    await post(app, IRIS_APP, APPCODE);
    const refused = () => post(app, IRIS_APP, { 'X-Apig-AppCode': 'wrong', 'X-Apig-Mode': 'debug' });
    expect((await refused()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:1,limit:3,time:1 second');
    app.gateway.clock.advance(1000);
    expect((await refused()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:3,limit:3,time:1 second');
  });
});

describe('BodyBudget admission', () => {
  it('admits a waiting chunk that needs exactly what is free', async () => {
    const budget = new BodyBudget(100);
    const a = budget.open('credible');
    expect(a.take(100)).toBeUndefined();
    const b = budget.open('credible').take(100);
    expect(await settled(b)).toBe(false);
    a.release();
    expect(await settled(b)).toBe(true);
    expect(budget.heldBytes).toBe(100);
  });

  it('keeps a waiting chunk waiting while what is freed is not enough', async () => {
    const budget = new BodyBudget(100);
    budget.open('credible').take(60);
    const b = budget.open('credible');
    b.take(30);
    const c = budget.open('credible').take(50);
    b.release();
    expect(await settled(c)).toBe(false);
    expect(budget.heldBytes).toBe(60);
  });

  it('lets an empty chunk through at once even while others wait', async () => {
    const budget = new BodyBudget(100);
    budget.open('credible').take(80);
    const waiting = budget.open('credible').take(50);
    expect(await settled(waiting)).toBe(false);
    expect(await settled(budget.open('credible').take(0))).toBe(true);
    expect(budget.heldBytes).toBe(80);
  });
});

describe('GET /v3/auth/tokens with blanks around the tokens', () => {
  it('reads X-Auth-Token and X-Subject-Token trimmed, and answers with the trimmed subject token', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    const response = handleIamTokens(
      { method: 'GET', query: '', headers: normalizeHeaders({ 'X-Auth-Token': ` ${token} `, 'X-Subject-Token': `\t${token} ` }), body: Buffer.alloc(0) },
      { world: app.gateway.world, now: app.gateway.clock.now(), tokenLifetimeMs: 24 * 3_600_000, signingKey: app.gateway.config.world.tokenSigningKey },
    );
    expect(response.status).toBe(200);
    expect(response.headers['X-Subject-Token']).toBe(token);
  });
});

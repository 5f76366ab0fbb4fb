/**
 * The shared state as the config starts it and as a reset brings it back (README "Admin API":
 * `POST /_apig-kit/reset` returns world, issued credentials, clock, journal, faults, lockouts and
 * throttle windows to their start), the body budgets' sizes (README "hostile clients": four times
 * the cap, of which uploads without credentials may hold one cap), and a world change as a journal entry.
 */
import { describe, expect, it } from 'vitest';
import { Gateway } from '../../src/mock/gateway.ts';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import { SMALL_BODY_BYTES } from '../../src/mock/state/mock-state.ts';

const REAL = Date.parse('2026-12-01T00:00:00Z');
const gatewayAt = (overrides: Parameters<typeof resolveConfig>[0] = {}, real = () => REAL) => new Gateway(resolveConfig(overrides), real);

describe('the clock at start (config.clock)', () => {
  it('no clock config: real time, running', () => {
    let real = REAL;
    const gateway = gatewayAt({}, () => real);
    expect(gateway.clock.state()).toEqual({ now: REAL, offsetMs: 0, frozen: false });
    real += 5;
    expect(gateway.clock.now()).toBe(REAL + 5);
  });

  it('start: that time, running from it; with frozen, standing still', () => {
    let real = REAL;
    const running = gatewayAt({ clock: { start: '2026-11-23T09:00:00Z' } }, () => real);
    const frozen = gatewayAt({ clock: { start: '2026-11-23T09:00:00Z', frozen: true } }, () => real);
    real += 1000;
    expect(running.clock.now()).toBe(Date.parse('2026-11-23T09:00:01Z'));
    expect(frozen.clock.state()).toMatchObject({ now: Date.parse('2026-11-23T09:00:00Z'), frozen: true });
  });

  it('offsetMs: real time moved by it; with frozen and no start, frozen at that moment', () => {
    let real = REAL;
    const offset = gatewayAt({ clock: { offsetMs: -60_000 } }, () => real);
    expect(offset.clock.state()).toEqual({ now: REAL - 60_000, offsetMs: -60_000, frozen: false });
    const frozen = gatewayAt({ clock: { frozen: true } }, () => real);
    real += 1000;
    expect(frozen.clock.state()).toMatchObject({ now: REAL, frozen: true });
  });

  it('a reset brings the clock as the config starts it back, after it was moved', () => {
    const gateway = gatewayAt({ clock: { offsetMs: 30_000 } });
    gateway.clock.set(0, { frozen: true });
    gateway.reset();
    expect(gateway.clock.state()).toEqual({ now: REAL + 30_000, offsetMs: 30_000, frozen: false });
  });
});

describe('a reset', () => {
  it('empties the journal, clears faults, lockouts and throttle windows, and brings the world back', () => {
    const gateway = gatewayAt({ limits: { akLockoutFailures: 1 } });
    const service = gateway.config.world.services[0]!;
    gateway.world.createApp({ name: 'extra' });
    gateway.faults.set(service.id, { status: 503 } as never);
    gateway.lockout.recordFailure('SOMEAK', REAL);
    gateway.throttle.admit(service.id, REAL);
    expect(gateway.journal.list().length).toBeGreaterThan(0);
    expect(gateway.lockout.isLocked('SOMEAK', REAL)).toBe(true);
    expect(gateway.throttle.remaining(service.id, REAL)).toBe(gateway.config.limits.apiRateLimitPerSecond - 1);
    expect(Object.keys(gateway.faults.list())).toEqual([service.id]);
    gateway.reset();
    expect(gateway.journal.list()).toEqual([]);
    expect(gateway.faults.list()).toEqual({});
    expect(gateway.lockout.isLocked('SOMEAK', REAL)).toBe(false);
    expect(gateway.throttle.remaining(service.id, REAL)).toBe(gateway.config.limits.apiRateLimitPerSecond);
    expect(gateway.world.appByName('extra')).toBeUndefined();
  });
});

describe('the body budgets', () => {
  it('bodies in flight: four times the cap, one cap for uploads without credentials; small bodies and IAM their own', () => {
    const gateway = gatewayAt({ limits: { maxBodyBytes: 1000, maxIamBodyBytes: 100_000 } });
    expect(gateway.bodyBudget.capacityBytes).toBe(4000);
    expect(gateway.bodyBudget.anonymousCapacityBytes).toBe(1000);
    expect(gateway.smallBodyBudget.capacityBytes).toBe(128 * SMALL_BODY_BYTES);
    expect(gateway.smallBodyBudget.anonymousCapacityBytes).toBe(32 * SMALL_BODY_BYTES);
    expect(gateway.iamBodyBudget.capacityBytes).toBe(1_600_000);
    expect(gatewayAt().iamBodyBudget.capacityBytes).toBe(1024 * 1024);
  });
});

describe('a world change in the journal', () => {
  it('as the admin route it is, rule world.<op>, at the gateway time, without a secret', () => {
    const gateway = gatewayAt({ clock: { start: '2026-11-23T09:00:00Z', frozen: true } });
    const { secret } = gateway.world.resetAppSecret('demo-app');
    const [entry] = gateway.journal.list();
    expect(entry).toMatchObject({
      time: '2026-11-23T09:00:00.000Z',
      method: 'POST',
      target: '/_apig-kit/apps/demo-app/secret',
      auth: 'admin',
      principal: 'in-process',
      status: 200,
      verdict: 'accepted',
      rule: 'world.app.secret-reset',
      bodyBytes: 0,
      durationMs: 0,
    });
    expect(entry!.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(entry)).not.toContain(secret);
  });
});

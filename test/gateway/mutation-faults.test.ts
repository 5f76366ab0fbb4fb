/**
 * Injected faults (README "faults"; gateway.md §1.3 BACKEND_* responses): the schema the admin API
 * accepts, and the registry's seeded draw — "30 % of calls fail" must hold over many calls, be the
 * same run to run for a seed, and differ between seeds.
 */
import { describe, expect, it } from 'vitest';
import { FaultRegistry, faultSchema } from '../../src/mock/state/faults.ts';

const draws = (registry: FaultRegistry, serviceId: string, count: number) =>
  Array.from({ length: count }, () => (registry.draw(serviceId) === undefined ? 0 : 1));

const share = (pattern: number[]) => pattern.reduce((a, b) => a + b, 0) / pattern.length;

function registryWith(probability: number, seed = 1): FaultRegistry {
  const registry = new FaultRegistry();
  registry.set('svc', faultSchema.parse({ status: 503, probability, seed }));
  return registry;
}

describe('faultSchema', () => {
  it('defaults probability to 1 and seed to 1', () => {
    expect(faultSchema.parse({ status: 503 })).toEqual({ status: 503, probability: 1, seed: 1 });
  });

  it.each([
    [{ status: 400 }, true],
    [{ status: 599 }, true],
    [{ status: 399 }, false],
    [{ status: 101 }, false],
    [{ status: 600 }, false],
    [{ status: 503.5 }, false],
    [{ delayMs: 0 }, true],
    [{ delayMs: 600_000 }, true],
    [{ delayMs: 600_001 }, false],
    [{ delayMs: -1 }, false],
    [{ reset: true }, true],
    [{ reset: 'yes' }, false],
    [{ probability: 0 }, true],
    [{ probability: 1 }, true],
    [{ probability: 1.01 }, false],
    [{ probability: -0.01 }, false],
    [{ seed: 7 }, true],
    [{ seed: 1.5 }, false],
    [{ status: 503, extra: 1 }, false],
  ])('%j valid: %s', (input, valid) => {
    expect(faultSchema.safeParse(input).success).toBe(valid);
  });
});

describe('FaultRegistry', () => {
  it('has no fault for a service until one is set', () => {
    expect(new FaultRegistry().draw('svc')).toBeUndefined();
  });

  it('applies a fault of probability 1 to every call and of probability 0 to none', () => {
    expect(share(draws(registryWith(1), 'svc', 200))).toBe(1);
    expect(share(draws(registryWith(0), 'svc', 200))).toBe(0);
  });

  it('hands back the fault it was given', () => {
    const registry = registryWith(1);
    expect(registry.draw('svc')).toEqual({ status: 503, probability: 1, seed: 1 });
    expect(registry.draw('other')).toBeUndefined();
  });

  it.each([0.1, 0.3, 0.5, 0.9])('applies a fault of probability %d to about that share of 4000 calls', (probability) => {
    for (const seed of [1, 2, 12345]) {
      // Four standard deviations of a binomial share at n = 4000 is at most 0.032.
      expect(Math.abs(share(draws(registryWith(probability, seed), 'svc', 4000)) - probability)).toBeLessThan(0.035);
    }
  });

  it('spreads the faulted calls out rather than bunching them', () => {
    const pattern = draws(registryWith(0.5, 3), 'svc', 4000);
    for (let start = 0; start < 4000; start += 1000) {
      expect(Math.abs(share(pattern.slice(start, start + 1000)) - 0.5)).toBeLessThan(0.07);
    }
    let changes = 0;
    for (let i = 1; i < pattern.length; i++) if (pattern[i] !== pattern[i - 1]) changes++;
    // A fair coin changes side about every other call.
    expect(Math.abs(changes / (pattern.length - 1) - 0.5)).toBeLessThan(0.05);
  });

  it('repeats the same pattern for the same seed, on a new registry or after setting the fault again', () => {
    const first = draws(registryWith(0.3, 42), 'svc', 300);
    expect(draws(registryWith(0.3, 42), 'svc', 300)).toEqual(first);
    const registry = registryWith(0.3, 42);
    draws(registry, 'svc', 50);
    registry.set('svc', faultSchema.parse({ status: 503, probability: 0.3, seed: 42 }));
    expect(draws(registry, 'svc', 300)).toEqual(first);
  });

  it('gives other seeds other patterns, a negative or huge seed included', () => {
    const patterns = [1, 2, 3, -5, 2 ** 31, 99_999].map((seed) => draws(registryWith(0.5, seed), 'svc', 200).join(''));
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('keeps one sequence per service', () => {
    const registry = new FaultRegistry();
    registry.set('a', faultSchema.parse({ status: 500, probability: 0.5, seed: 9 }));
    registry.set('b', faultSchema.parse({ status: 500, probability: 0.5, seed: 9 }));
    const a = draws(registry, 'a', 100);
    expect(draws(registry, 'b', 100)).toEqual(a);
  });

  it('lists the faults by service, and clears one or all', () => {
    const registry = new FaultRegistry();
    registry.set('a', faultSchema.parse({ status: 500 }));
    registry.set('b', faultSchema.parse({ reset: true }));
    expect(registry.list()).toEqual({ a: { status: 500, probability: 1, seed: 1 }, b: { reset: true, probability: 1, seed: 1 } });
    registry.clear('a');
    expect(registry.list()).toEqual({ b: { reset: true, probability: 1, seed: 1 } });
    expect(registry.draw('a')).toBeUndefined();
    registry.set('a', faultSchema.parse({ status: 500 }));
    registry.clear();
    expect(registry.list()).toEqual({});
  });
});

/**
 * The gateway clock (README "Admin API": set `{"time"}`; it keeps running from there unless
 * frozen): set to a time, it reads that time and then runs at the pace of real time.
 */
import { describe, expect, it } from 'vitest';
import { GatewayClock } from '../../src/mock/state/clock.ts';

describe('a running clock set to a time', () => {
  it('reads that time at once and moves as real time moves', () => {
    let real = 1_000_000;
    const clock = new GatewayClock(() => real);
    clock.set(5_000_000);
    expect(clock.now()).toBe(5_000_000);
    real += 1234;
    expect(clock.now()).toBe(5_001_234);
    expect(clock.state()).toEqual({ now: 5_001_234, offsetMs: 4_000_000, frozen: false });
  });

  it('a frozen one stays put until advanced', () => {
    let real = 1_000_000;
    const clock = new GatewayClock(() => real);
    clock.set(5_000_000, { frozen: true });
    real += 1234;
    expect(clock.now()).toBe(5_000_000);
    clock.advance(10);
    expect(clock.state()).toEqual({ now: 5_000_010, offsetMs: 5_000_010 - real, frozen: true });
  });
});

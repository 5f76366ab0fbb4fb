/** The body memory budget: bytes counted as they arrive, first come first served, an anonymous share, no deadlock. */
import { describe, expect, it } from 'vitest';
import { BodyBudget, BodyQueueFull } from '../../src/mock/state/body-budget.ts';

const settled = async (promise: Promise<unknown> | undefined) =>
  promise === undefined || (await Promise.race([promise.then(() => true), new Promise((r) => setImmediate(() => r(false)))]));

describe('BodyBudget', () => {
  it('holds nothing for bytes that have not arrived, and counts what has', () => {
    const budget = new BodyBudget(100);
    const slow = budget.open('anonymous');
    expect(budget.heldBytes).toBe(0);
    expect(slow.take(1)).toBeUndefined();
    expect(budget.heldBytes).toBe(1);
    slow.release();
    slow.release();
    expect(budget.heldBytes).toBe(0);
  });

  it('makes a chunk that does not fit wait, in order, until room is given back', async () => {
    const budget = new BodyBudget(100);
    const a = budget.open('credible');
    const b = budget.open('credible');
    const c = budget.open('credible');
    expect(a.take(60)).toBeUndefined();
    const bWaits = b.take(50);
    const cWaits = c.take(10);
    expect(await settled(bWaits)).toBe(false);
    // First come, first served: c's chunk would fit, but waits behind b's.
    expect(await settled(cWaits)).toBe(false);
    a.release();
    expect(await settled(bWaits)).toBe(true);
    expect(await settled(cWaits)).toBe(true);
    expect(budget.heldBytes).toBe(60);
  });

  it('never lets bodies that each hold a part wait on one another: the oldest holder goes on', async () => {
    const budget = new BodyBudget(100);
    const older = budget.open('credible');
    const younger = budget.open('credible');
    expect(older.take(50)).toBeUndefined();
    expect(younger.take(50)).toBeUndefined();
    const youngerWaits = younger.take(10);
    expect(await settled(youngerWaits)).toBe(false);
    // The budget is full, but the oldest holder is let through (over the budget by at most its own body).
    expect(await settled(older.take(10))).toBe(true);
    expect(budget.heldBytes).toBe(110);
    older.release();
    expect(await settled(youngerWaits)).toBe(true);
  });

  it('keeps anonymous bodies to their share, and lets a credible body pass an anonymous one that waits', async () => {
    const budget = new BodyBudget(100, 25);
    const first = budget.open('anonymous');
    const second = budget.open('anonymous');
    const credible = budget.open('credible');
    expect(first.take(20)).toBeUndefined();
    const secondWaits = second.take(10);
    expect(await settled(secondWaits)).toBe(false);
    expect(credible.take(70)).toBeUndefined();
    first.release();
    expect(await settled(secondWaits)).toBe(true);
  });

  it('lets only so many chunks wait: one more is refused at once instead of pinning more memory', () => {
    const budget = new BodyBudget(10, 10, 2);
    expect(budget.open('credible').take(10)).toBeUndefined();
    void budget.open('credible').take(5);
    void budget.open('anonymous').take(5);
    expect(budget.waitingCount).toBe(2);
    expect(() => budget.open('credible').take(5)).toThrow(BodyQueueFull);
  });

  it('gives each kind half the queue: anonymous bodies cannot fill it for credible ones', () => {
    const budget = new BodyBudget(10, 10, 4);
    budget.open('credible').take(10);
    void budget.open('anonymous').take(1);
    void budget.open('anonymous').take(1);
    expect(() => budget.open('anonymous').take(1)).toThrow(BodyQueueFull);
    expect(budget.open('credible').take(1)).toBeInstanceOf(Promise);
  });
});

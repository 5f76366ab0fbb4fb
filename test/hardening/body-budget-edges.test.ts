/**
 * The body budget's rules at their edges: one body larger than the whole budget still goes ahead
 * when nothing else is held (the budget can be exceeded by one body), a released room admits the
 * anonymous waiter as well as the credible one, an anonymous body over its share does not hold
 * up a credible one behind it, and each kind keeps its half of the queue as waiters come and go.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BodyBudget, BodyQueueFull } from '../../src/mock/state/body-budget.ts';

/** Whether a pending take has been admitted within a short wait. */
const admitted = async (pending: Promise<void> | undefined) =>
  pending === undefined ? true : Promise.race([pending.then(() => true), sleep(50).then(() => false)]);

describe('the body budget at its edges', () => {
  it('with nothing held, one body over the whole budget is taken at once, credible or anonymous', () => {
    const budget = new BodyBudget(10, 5);
    const credible = budget.open('credible');
    expect(credible.take(50)).toBeUndefined();
    expect(budget.heldBytes).toBe(50);
    credible.release();
    const anonymous = budget.open('anonymous');
    expect(anonymous.take(8)).toBeUndefined();
    expect(budget.heldBytes).toBe(8);
  });

  it('room given back admits a waiting anonymous body too', async () => {
    const budget = new BodyBudget(10);
    const first = budget.open('credible');
    first.take(10);
    const waiting = budget.open('anonymous').take(5);
    expect(await admitted(waiting)).toBe(false);
    first.release();
    expect(await admitted(waiting)).toBe(true);
    expect(budget.heldBytes).toBe(5);
  });

  it('an anonymous body over its share does not hold up a credible one queued behind it', async () => {
    const budget = new BodyBudget(20, 5);
    const oldest = budget.open('credible');
    oldest.take(10);
    budget.open('anonymous').take(5);
    const anonymousWaiting = budget.open('anonymous').take(3);
    const credibleWaiting = budget.open('credible').take(8);
    expect(await admitted(credibleWaiting)).toBe(false);
    oldest.release();
    expect(await admitted(credibleWaiting)).toBe(true);
    expect(await admitted(anonymousWaiting)).toBe(false);
  });

  it('after waiters of both kinds are admitted, the credible half of the queue is whole again', async () => {
    const budget = new BodyBudget(10, 10, 4);
    const oldest = budget.open('credible');
    oldest.take(10);
    const anonymous = budget.open('anonymous').take(5);
    const credible = budget.open('credible').take(5);
    oldest.release();
    expect(await admitted(anonymous)).toBe(true);
    expect(await admitted(credible)).toBe(true);
    expect(budget.waitingCount).toBe(0);
    // The budget is full again: two credible chunks may wait (half of 4), a third is refused.
    budget.open('credible').take(5);
    budget.open('credible').take(5);
    expect(() => budget.open('credible').take(5)).toThrow(BodyQueueFull);
  });
});

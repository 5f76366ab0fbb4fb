/**
 * The body budget's admission rules at their edges (ARCHITECTURE "Bounds"; src/mock/state/body-budget.ts
 * contract): the anonymous share is a limit that may be reached, first come first served within
 * each share, a credible body never queued behind an anonymous one, a body that gave up leaves the
 * queue, a chunk larger than the budget is let in once nothing else is held, and half the queue per
 * kind of body.
 */
import { describe, expect, it } from 'vitest';
import { BodyBudget, BodyQueueFull } from '../../src/mock/state/body-budget.ts';

const settled = async (promise: Promise<unknown> | undefined) =>
  promise === undefined || (await Promise.race([promise.then(() => true), new Promise((r) => setImmediate(() => r(false)))]));

describe('the anonymous share', () => {
  it('may be filled exactly; a byte more waits', async () => {
    const budget = new BodyBudget(100, 50);
    expect(budget.open('credible').take(10)).toBeUndefined();
    expect(budget.open('anonymous').take(50)).toBeUndefined();
    expect(await settled(budget.open('anonymous').take(1))).toBe(false);
  });

  it('is not given room by a credible body going away', async () => {
    const budget = new BodyBudget(100, 50);
    budget.open('credible').take(10);
    budget.open('anonymous').take(40);
    const credible = budget.open('credible');
    credible.take(30);
    credible.release();
    expect(await settled(budget.open('anonymous').take(30))).toBe(false);
  });

  it('is first come first served: a small anonymous chunk waits behind a larger one', async () => {
    const budget = new BodyBudget(100, 50);
    budget.open('credible').take(10);
    budget.open('anonymous').take(30);
    expect(await settled(budget.open('anonymous').take(30))).toBe(false);
    expect(await settled(budget.open('anonymous').take(10))).toBe(false);
  });
});

describe('the queue', () => {
  it('a waiting chunk, once admitted, is held by its body', async () => {
    const budget = new BodyBudget(100);
    const first = budget.open('credible');
    first.take(100);
    const second = budget.open('credible');
    const waiting = second.take(40);
    first.release();
    expect(await settled(waiting)).toBe(true);
    expect(second.heldBytes).toBe(40);
    expect(budget.heldBytes).toBe(40);
  });

  it('a body admitted from the queue no longer counts as waiting: the next one that fits goes straight in', async () => {
    const budget = new BodyBudget(100);
    const first = budget.open('credible');
    first.take(100);
    const waiting = budget.open('credible').take(10);
    first.release();
    expect(await settled(waiting)).toBe(true);
    expect(budget.waitingCount).toBe(0);
    expect(budget.open('credible').take(10)).toBeUndefined();
  });

  it('a body that gives up while waiting leaves the queue', () => {
    const budget = new BodyBudget(100);
    budget.open('credible').take(50);
    const quitter = budget.open('credible');
    void quitter.take(60);
    expect(budget.waitingCount).toBe(1);
    quitter.release();
    expect(budget.waitingCount).toBe(0);
    expect(budget.open('credible').take(10)).toBeUndefined();
  });

  it('a credible chunk that does not fit holds up the credible ones behind it', async () => {
    const budget = new BodyBudget(100);
    budget.open('credible').take(30);
    const middle = budget.open('credible');
    middle.take(50);
    const big = budget.open('credible').take(80);
    const small = budget.open('credible').take(10);
    middle.release();
    expect(await settled(big)).toBe(false);
    expect(await settled(small)).toBe(false);
  });

  it('an anonymous chunk that does not fit holds up the anonymous ones behind it', async () => {
    const budget = new BodyBudget(100);
    budget.open('credible').take(30);
    const middle = budget.open('credible');
    middle.take(50);
    const big = budget.open('anonymous').take(80);
    const small = budget.open('anonymous').take(10);
    middle.release();
    expect(await settled(big)).toBe(false);
    expect(await settled(small)).toBe(false);
  });

  it('a chunk larger than the whole budget is let in once nothing else is held', async () => {
    const budget = new BodyBudget(100);
    const holder = budget.open('credible');
    holder.take(50);
    const huge = budget.open('credible').take(200);
    expect(await settled(huge)).toBe(false);
    holder.release();
    expect(await settled(huge)).toBe(true);
  });

  it('a body that has taken nothing yet is not the oldest holder', async () => {
    const budget = new BodyBudget(100);
    const early = budget.open('credible');
    expect(early.take(0)).toBeUndefined();
    budget.open('credible').take(100);
    expect(await settled(early.take(50))).toBe(false);
  });

  it('each kind of body may fill half the queue, and no more', () => {
    const budget = new BodyBudget(10, 10, 4);
    budget.open('credible').take(10);
    for (let i = 0; i < 2; i++) void budget.open('credible').take(5);
    let thrown: unknown;
    try {
      void budget.open('credible').take(5);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BodyQueueFull);
    expect((thrown as Error).name).toBe('BodyQueueFull');
    expect((thrown as Error).message).toBe('2 credible bodies already wait for room');
    for (let i = 0; i < 2; i++) void budget.open('anonymous').take(5);
    expect(() => budget.open('anonymous').take(5)).toThrow('2 anonymous bodies already wait for room');
  });
});

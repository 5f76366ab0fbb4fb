/**
 * The body read's timing rules (read-body.ts, gateway.md §4), on a fake clock: a body that sends
 * nothing, or less than the minimum rate, in any window of `readTimeoutMs` is cut off, each window
 * judged on its own; a window that brought enough lets the next one start; time spent waiting for
 * the body budget is the gateway's, not the client's; the budget's bytes are given back at the end
 * whatever the outcome, and a full queue is "busy", not a client abort. Also: a body that has
 * already arrived is taken whole without a streamed read, even without a Content-Length, and a
 * declared one that lands one microtask after its headers does not go through the budget.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestBody } from '../../src/mock/http-model.ts';
import { type BodyRead, readCappedBody } from '../../src/mock/pipeline/read-body.ts';
import { BodyBudget } from '../../src/mock/state/body-budget.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.advanceTimersByTime(1_000_000); // a clock that has been running a while, as performance.now() has
});
afterEach(() => {
  vi.useRealTimers();
});

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** A chunked body (no Content-Length) whose chunks of `bytes` arrive at the fake times `at` (ms after the start). */
function scheduled(schedule: Array<{ at: number; bytes: number }>, options: { endAt?: number; stallAtEnd?: boolean } = {}): RequestBody {
  const start = performance.now();
  return {
    declaredLength: undefined,
    async *chunks() {
      for (const { at, bytes } of schedule) {
        await sleepUntil(start + at);
        yield new Uint8Array(bytes).fill(0x61);
      }
      if (options.stallAtEnd) await new Promise(() => undefined);
      if (options.endAt !== undefined) await sleepUntil(start + options.endAt);
    },
  };
}

const PENDING = Symbol('pending');

async function settledOrPending(read: Promise<BodyRead>): Promise<BodyRead | typeof PENDING> {
  return Promise.race([read, new Promise<typeof PENDING>((resolve) => setImmediate(resolve, PENDING))]);
}

/** Runs the fake clock for `ms`, then says how the read stands. */
async function after(read: Promise<BodyRead>, ms: number): Promise<BodyRead | typeof PENDING> {
  await vi.advanceTimersByTimeAsync(ms);
  return settledOrPending(read);
}

const ok = (bytes: number) => expect.objectContaining({ ok: true, bytes });
const timedOut = (bytesRead: number) => ({ ok: false, timedOut: true, bytesRead });

describe('a body that stalls (no minimum rate)', () => {
  it('one byte in each window is enough, however many windows it takes', async () => {
    const read = readCappedBody(
      scheduled(
        [
          { at: 500, bytes: 1 },
          { at: 1400, bytes: 1 },
          { at: 2300, bytes: 1 },
        ],
        { endAt: 2600 },
      ),
      {
        maxBytes: 100,
        readTimeoutMs: 1000,
      },
    );
    expect(await after(read, 3000)).toEqual(ok(3));
  });

  it('a window without a byte cuts it off, counting what it had read', async () => {
    const read = readCappedBody(scheduled([{ at: 500, bytes: 7 }], { stallAtEnd: true }), { maxBytes: 100, readTimeoutMs: 1000 });
    expect(await after(read, 1900)).toBe(PENDING);
    expect(await after(read, 200)).toEqual(timedOut(7));
  });

  it('a first byte that comes only after a whole window (the event loop was blocked) does not rescue it', async () => {
    for (const late of [1000, 1500]) {
      const body: RequestBody = {
        declaredLength: undefined,
        async *chunks() {
          // Runs synchronously inside the read's first next(): the window is over before the race starts.
          vi.advanceTimersByTime(late);
          yield Uint8Array.of(1);
        },
      };
      const read = readCappedBody(body, { maxBytes: 100, readTimeoutMs: 1000 });
      expect(await after(read, 10), `first byte at ${late} ms`).toEqual(timedOut(0));
    }
  });

  it('leaves no timer behind once read', async () => {
    const read = readCappedBody(
      scheduled(
        Array.from({ length: 20 }, (_, i) => ({ at: 10 * (i + 1), bytes: 1 })),
        { endAt: 300 },
      ),
      { maxBytes: 100, readTimeoutMs: 60_000 },
    );
    expect(await after(read, 400)).toEqual(ok(20));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the minimum rate (100 bytes/s over windows of 3 s: a window must bring 200 bytes)', () => {
  const limits = { maxBytes: 100_000, readTimeoutMs: 3000, minBytesPerSecond: 100 };

  it('a client sending at the rate, in ticks of a second, is read to the end', async () => {
    const ticks = Array.from({ length: 10 }, (_, i) => ({ at: 500 + 1000 * i, bytes: 100 }));
    const read = readCappedBody(scheduled(ticks, { endAt: 10_000 }), limits);
    expect(await after(read, 11_000)).toEqual(ok(1000));
  });

  it('a window that brings exactly what it must is enough', async () => {
    const ticks = [1000, 4000, 7000].map((at) => ({ at, bytes: 200 }));
    const read = readCappedBody(scheduled(ticks, { endAt: 8000 }), limits);
    expect(await after(read, 9000)).toEqual(ok(600));
  });

  it('a trickle below the rate is cut off at the end of its first window', async () => {
    const ticks = Array.from({ length: 10 }, (_, i) => ({ at: 500 + 1000 * i, bytes: 50 }));
    const read = readCappedBody(scheduled(ticks, { endAt: 10_000 }), limits);
    expect(await after(read, 2900)).toBe(PENDING);
    expect(await after(read, 200)).toEqual(timedOut(150));
  });

  it('a fast start earns no credit for a trickle after it', async () => {
    const ticks = [{ at: 100, bytes: 50_000 }, ...Array.from({ length: 10 }, (_, i) => ({ at: 3500 + 1000 * i, bytes: 50 }))];
    const read = readCappedBody(scheduled(ticks, { endAt: 14_000 }), limits);
    expect(await after(read, 5900)).toBe(PENDING);
    expect(await after(read, 200)).toEqual(timedOut(50_000 + 150));
  });
});

describe('the body budget', () => {
  /** A budget of 10 bytes, all held by another request: the next chunk has to wait. */
  function fullBudget() {
    const budget = new BodyBudget(10);
    const other = budget.open('credible');
    expect(other.take(10)).toBeUndefined();
    return { budget, other };
  }

  it('reading pauses while the budget is full, and that wait does not count against the client', async () => {
    const { budget, other } = fullBudget();
    const read = readCappedBody(
      scheduled(
        [
          { at: 100, bytes: 4 },
          { at: 200, bytes: 4 },
        ],
        { endAt: 300 },
      ),
      {
        maxBytes: 100,
        readTimeoutMs: 1000,
        openAccount: () => budget.open('credible'),
      },
    );
    // Far past several windows: the body is not cut off, it waits.
    expect(await after(read, 5000)).toBe(PENDING);
    expect(budget.waitingCount).toBe(1);
    other.release();
    expect(await after(read, 500)).toEqual(ok(8));
    expect(budget.heldBytes).toBe(0);
  });

  it('after a wait for the budget, the window resumes, and a body that stalls is still cut off', async () => {
    const { budget, other } = fullBudget();
    const read = readCappedBody(scheduled([{ at: 100, bytes: 4 }], { stallAtEnd: true }), {
      maxBytes: 100,
      readTimeoutMs: 1000,
      openAccount: () => budget.open('credible'),
    });
    expect(await after(read, 5000)).toBe(PENDING);
    other.release();
    // The window that brought the chunk resumes where it paused (900 ms left), and it brought a
    // byte, so the next one starts: the stall is cut off at the end of that one, 1900 ms on.
    expect(await after(read, 1500)).toBe(PENDING);
    expect(await after(read, 500)).toEqual(timedOut(4));
    expect(budget.heldBytes).toBe(0);
  });

  it('a full queue is "busy" (the gateway cannot buffer it now), not a client abort, and holds nothing', async () => {
    const budget = new BodyBudget(10, 10, 2); // one waiting chunk per kind of body
    budget.open('credible').take(10);
    void budget.open('credible').take(5); // waits: the credible half of the queue is full
    const read = readCappedBody(
      scheduled([
        { at: 10, bytes: 2 },
        { at: 20, bytes: 3 },
      ]),
      {
        maxBytes: 100,
        readTimeoutMs: 1000,
        openAccount: () => budget.open('credible'),
      },
    );
    expect(await after(read, 100)).toEqual({ ok: false, busy: true, bytesRead: 2 });
    expect(budget.heldBytes).toBe(10);
  });

  it('gives its bytes back at the end, however the read ends', async () => {
    const budget = new BodyBudget(1000);
    const open = () => budget.open('anonymous');
    const whole = readCappedBody(scheduled([{ at: 10, bytes: 30 }], { endAt: 20 }), { maxBytes: 100, openAccount: open });
    expect(await after(whole, 100)).toEqual(ok(30));
    expect(budget.heldBytes).toBe(0);
    const over = readCappedBody(
      scheduled([
        { at: 10, bytes: 60 },
        { at: 20, bytes: 60 },
      ]),
      { maxBytes: 100, openAccount: open },
    );
    expect(await after(over, 100)).toEqual({ ok: false, tooLarge: true, bytesRead: 120 });
    expect(budget.heldBytes).toBe(0);
    const stalled = readCappedBody(scheduled([{ at: 10, bytes: 30 }], { stallAtEnd: true }), { maxBytes: 100, readTimeoutMs: 500, openAccount: open });
    expect(await after(stalled, 1000)).toEqual(timedOut(30));
    expect(budget.heldBytes).toBe(0);
  });
});

describe('a body that has already arrived', () => {
  const streamed = () => {
    throw new Error('must not be read as a stream');
  };

  it('is taken whole even without a Content-Length (chunked, already complete)', async () => {
    const body: RequestBody = { declaredLength: undefined, arrived: () => [Uint8Array.of(1, 2, 3)], chunks: streamed };
    const read = await readCappedBody(body, { maxBytes: 100, openAccount: streamed });
    expect(read.ok && read.chunks.map((c) => [...c])).toEqual([[1, 2, 3]]);
  });

  it('with a Content-Length, when its bytes land just after the headers, does not go through the budget', async () => {
    let landed = false;
    void Promise.resolve().then(() => (landed = true));
    const body: RequestBody = {
      declaredLength: 3,
      arrived: () => (landed ? [Uint8Array.of(1, 2, 3)] : undefined),
      chunks: streamed,
    };
    const read = await readCappedBody(body, { maxBytes: 100, openAccount: streamed });
    expect(read.ok && read.bytes).toBe(3);
  });
});

/** The body memory budget: all-or-nothing reservations, first come first served, no deadlock. */
import { describe, expect, it } from 'vitest';
import { BodyBudget, bodyBytesToReserve } from '../../mock-gateway/pipeline/body-budget.ts';
import { toGatewayRequest } from './support/wire-request.ts';

const settled = async (promise: Promise<unknown>) => Promise.race([promise.then(() => true), new Promise((r) => setImmediate(() => r(false)))]);

describe('BodyBudget', () => {
  it('admits what fits, queues the rest in order, and admits it as room is released', async () => {
    const budget = new BodyBudget(100);
    const a = await budget.reserve(60);
    const b = budget.reserve(50);
    const c = budget.reserve(10);
    expect(await settled(b)).toBe(false);
    // First come, first served: c would fit, but waits behind b.
    expect(await settled(c)).toBe(false);
    a.release();
    a.release();
    expect(await settled(b)).toBe(true);
    expect(await settled(c)).toBe(true);
    expect(budget.availableBytes).toBe(40);
  });

  it('lets a body larger than the budget through alone, and nothing-to-buffer through at once', async () => {
    const budget = new BodyBudget(100);
    const big = await budget.reserve(500);
    expect(budget.availableBytes).toBe(0);
    expect(await settled(budget.reserve(0))).toBe(true);
    const next = budget.reserve(1);
    expect(await settled(next)).toBe(false);
    big.release();
    expect(await settled(next)).toBe(true);
  });

  it('reserves the Content-Length, the cap when chunked, nothing over the cap or without a body', () => {
    const request = (declaredLength: 'none' | number, headers: Array<[string, string]> = []) => toGatewayRequest({ method: 'POST', target: '/', headers, body: new Uint8Array(), chunkSizes: [], declaredLength });
    expect(bodyBytesToReserve(request(1234), 10_000)).toBe(1234);
    expect(bodyBytesToReserve(request(10_001), 10_000)).toBe(0);
    expect(bodyBytesToReserve(request('none', [['transfer-encoding', 'chunked']]), 10_000)).toBe(10_000);
    expect(bodyBytesToReserve(request('none'), 10_000)).toBe(0);
  });
});

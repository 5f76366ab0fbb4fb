import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOW_DELAY_MS, slowModel } from '../../src/mock/models/slow.ts';
import { bodyJson, modelRequest, serviceFor } from './model-request.ts';

const pendingTimeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('slow model', () => {
  it('answers like echo once service.delayMs has passed', async () => {
    const service = { ...serviceFor('slow'), delayMs: 50 };
    const started = performance.now();
    const response = await slowModel(modelRequest('slow', { service, subPath: '/slow', body: 'abc', headers: [['x-trace', ['t-1']]] }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(response.status).toBe(200);
    expect(bodyJson(response)).toMatchObject({ sub_path: '/slow', body_bytes: 3, headers: { 'x-trace': 't-1' } });
  });

  it('waits 41 s when the service sets no delay', () => {
    expect(DEFAULT_SLOW_DELAY_MS).toBe(41_000);
  });

  it('stops waiting when aborted, rejecting with the reason and leaving no timer behind', async () => {
    const { delayMs: _, ...service } = serviceFor('slow');
    const controller = new AbortController();
    const before = pendingTimeouts();
    const answer = slowModel(modelRequest('slow', { service, signal: controller.signal }));
    expect(pendingTimeouts()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error('gateway timeout');
    const abortedAt = performance.now();
    controller.abort(reason);
    await expect(answer).rejects.toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(pendingTimeouts()).toBe(before);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already gone'));
    const before = pendingTimeouts();
    await expect(slowModel(modelRequest('slow', { signal: controller.signal }))).rejects.toThrow('already gone');
    expect(pendingTimeouts()).toBe(before);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayResponse } from '../http-model.ts';
import type { Model, ModelRequest } from '../models/index.ts';
import type { Fault } from '../state/faults.ts';

export type BackendResult =
  { kind: 'answer'; response: GatewayResponse; upstreamMs: number } | { kind: 'timeout' } | { kind: 'unavailable'; detail: string } | { kind: 'reset' };

const TIMED_OUT = Symbol('timed out');

/** Calls the model with the backend timeout (40 s by default) and any injected fault. */
export async function callBackend(model: Model, request: Omit<ModelRequest, 'signal'>, timeoutMs: number, fault: Fault | undefined): Promise<BackendResult> {
  // Made only for a model that reads `signal` (most answer at once): one per request costs more than the echo model's work.
  let controller: AbortController | undefined;
  let timedOut = false;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const signal = () => {
    controller ??= new AbortController();
    if (timedOut) controller.abort(TIMED_OUT);
    return controller.signal;
  };
  try {
    if (fault?.delayMs) {
      timer = setTimeout(() => {
        timedOut = true;
        controller?.abort(TIMED_OUT);
      }, timeoutMs);
      await sleep(fault.delayMs, undefined, { signal: signal() });
    }
    if (fault?.reset) return { kind: 'reset' };
    if (fault?.status !== undefined) {
      return {
        kind: 'answer',
        upstreamMs: performance.now() - started,
        response: {
          status: fault.status,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ error_code: 'ModelArts.4503', error_msg: `Injected fault: status ${fault.status}` }),
        },
      };
    }
    const modelRequest = Object.defineProperty({ ...request } as ModelRequest, 'signal', { get: signal, enumerable: true });
    // A model that ignores its signal must still not hold the gateway past the timeout: the timer
    // settles the wait itself (one promise for both, rather than a race with a second one).
    const remainingMs = timeoutMs - (performance.now() - started);
    clearTimeout(timer);
    const response = await new Promise<GatewayResponse>((resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller?.abort(TIMED_OUT);
        reject(TIMED_OUT);
      }, remainingMs);
      model(modelRequest).then(resolve, reject);
    });
    return { kind: 'answer', response, upstreamMs: performance.now() - started };
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

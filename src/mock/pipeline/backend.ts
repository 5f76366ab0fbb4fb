import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorKey } from '../catalogue.ts';
import type { GatewayResponse } from '../http-model.ts';
import type { Model, ModelRequest } from '../models/index.ts';
import { ModelFailure } from '../models/model-failure.ts';
import { type Fault, faultAnswer } from '../state/faults.ts';

export type BackendResult =
  | { kind: 'answer'; response: GatewayResponse; upstreamMs: number }
  | { kind: 'timeout' }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'reset' }
  /** The dispatcher's answer for a model that failed (a proxy's transport error) or for an injected fault. */
  | { kind: 'failed'; rule: ErrorKey; status?: number | undefined; detail: string; upstreamMs: number };

const TIMED_OUT = Symbol('timed out');

/**
 * Calls the model with the backend timeout (40 s by default) and any injected fault. A fault that
 * answers (a name or a status) does so after its delay, or at the backend timeout if that is sooner.
 */
export async function callBackend(
  model: Model,
  request: Omit<ModelRequest, 'signal'>,
  timeoutMs: number,
  fault: Fault | undefined,
  backendTimeoutError: 'apig' | 'modelarts' = 'apig',
): Promise<BackendResult> {
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
  const answer = fault && !fault.reset ? faultAnswer(fault, backendTimeoutError) : undefined;
  const injected = answer && { kind: 'failed' as const, rule: answer.rule, status: answer.status, detail: `injected fault: ${answer.name}` };
  try {
    if (fault?.delayMs) {
      timer = setTimeout(() => {
        timedOut = true;
        controller?.abort(TIMED_OUT);
      }, timeoutMs);
      await sleep(fault.delayMs, undefined, { signal: signal() });
    }
    if (fault?.reset) return { kind: 'reset' };
    // The dispatcher answered in the model's place: that is the upstream's latency (X-Apig-Upstream-Latency).
    if (injected) return { ...injected, upstreamMs: performance.now() - started };
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
    if (timedOut) return injected ? { ...injected, upstreamMs: performance.now() - started } : { kind: 'timeout' };
    if (error instanceof ModelFailure) return { kind: 'failed', rule: error.rule, detail: error.detail, upstreamMs: performance.now() - started };
    return { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

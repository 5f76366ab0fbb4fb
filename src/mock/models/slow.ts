import { echoModel } from './echo.ts';
import type { Model } from './types.ts';

/** Longer than the gateway's 40 s backend timeout (gateway.md §6.5). */
export const DEFAULT_SLOW_DELAY_MS = 41_000;

/** Resolves after `ms` of real time; rejects with the signal's reason as soon as it is aborted. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits `service.delayMs`, then answers like the echo model: the way to trip the gateway's timeout. */
export const slowModel: Model = async (request) => {
  await delay(request.service.delayMs ?? DEFAULT_SLOW_DELAY_MS, request.signal);
  return echoModel(request);
};

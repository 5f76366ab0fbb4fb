import { ApigError } from './errors.ts';

/** Retrying is off unless asked for; then only throttling and gateway/backend unavailability are retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Wait before the first retry; doubles each time (default 500 ms). */
  baseDelayMs?: number;
  /** Upper bound of one wait (default 8 s). */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const NO_RETRY: RetryPolicy = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

export function retryPolicy(option: boolean | RetryOptions | undefined): RetryPolicy {
  if (!option) return NO_RETRY;
  const given = option === true ? {} : option;
  return { retries: given.retries ?? 3, baseDelayMs: given.baseDelayMs ?? 500, maxDelayMs: given.maxDelayMs ?? 8000 };
}

/** 429 APIG.0308 (throttled) and 502/503/504 (gateway.md §2, §4); nothing else is worth repeating. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApigError)) return false;
  return (error.status === 429 && /^APIGW?\.0308$/.test(error.errorCode ?? '')) || error.status === 502 || error.status === 503 || error.status === 504;
}

/** Exponential backoff: base, 2×base, 4×base… capped. `retry` counts from 0. */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

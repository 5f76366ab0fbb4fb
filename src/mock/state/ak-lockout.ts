/**
 * More than `maxFailures` consecutive AK/SK failures lock the AK for `lockMs` (gateway.md §3.2):
 * after five failures the sixth request is refused even if correct. A success resets the count
 * (inferred: undocumented, signing.md §7.7).
 */
export class AkLockout {
  #failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockMs: number,
  ) {}

  isLocked(accessKey: string, now: number): boolean {
    const state = this.#failures.get(accessKey);
    if (!state || state.count < this.maxFailures) return false;
    if (now < state.lockedUntil) return true;
    this.#failures.delete(accessKey);
    return false;
  }

  recordFailure(accessKey: string, now: number): void {
    const state = this.#failures.get(accessKey) ?? { count: 0, lockedUntil: 0 };
    state.count++;
    state.lockedUntil = now + this.lockMs;
    this.#failures.set(accessKey, state);
  }

  recordSuccess(accessKey: string): void {
    this.#failures.delete(accessKey);
  }

  /** An AK gone from the world (deleted, disabled, evicted): its count must not outlive it. */
  forget(accessKey: string): void {
    this.#failures.delete(accessKey);
  }

  get size(): number {
    return this.#failures.size;
  }

  reset(): void {
    this.#failures.clear();
  }
}

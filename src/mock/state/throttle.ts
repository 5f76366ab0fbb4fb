/** Per-API calls per second, counted in one-second windows of the gateway clock (gateway.md §4). */
export class ApiThrottle {
  #windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly limitPerSecond: number) {}

  get limit(): number {
    return this.limitPerSecond;
  }

  /** Counts the call; false when it is over the limit. A limit of 0 means no throttling. */
  admit(apiId: string, now: number): { admitted: boolean; remaining: number } {
    if (this.limitPerSecond === 0) return { admitted: true, remaining: Number.POSITIVE_INFINITY };
    const second = Math.floor(now / 1000);
    const window = this.#windows.get(apiId);
    const current = window && window.second === second ? window : { second, count: 0 };
    current.count++;
    this.#windows.set(apiId, current);
    return { admitted: current.count <= this.limitPerSecond, remaining: Math.max(0, this.limitPerSecond - current.count) };
  }

  /** Calls left in the current second of `apiId`, without counting one. */
  remaining(apiId: string, now: number): number {
    if (this.limitPerSecond === 0) return Number.POSITIVE_INFINITY;
    const window = this.#windows.get(apiId);
    const used = window && window.second === Math.floor(now / 1000) ? window.count : 0;
    return Math.max(0, this.limitPerSecond - used);
  }

  /** A service gone from the world: its window goes with it. */
  forget(apiId: string): void {
    this.#windows.delete(apiId);
  }

  reset(): void {
    this.#windows.clear();
  }
}

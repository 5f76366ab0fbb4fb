/**
 * The gateway's clock. Tests and the admin API move it; everything in the gateway asks it, never
 * Date.now(), so a 16-minute skew or a 24-hour token expiry can be tried in an instant.
 */
export interface ClockState {
  now: number;
  offsetMs: number;
  frozen: boolean;
}

export class GatewayClock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.#frozenAt ?? this.realNow() + this.#offsetMs;
  }

  /** Moves the clock to `time`; it keeps running from there unless frozen. */
  set(time: number, options: { frozen?: boolean } = {}): void {
    this.#offsetMs = time - this.realNow();
    this.#frozenAt = options.frozen ? time : undefined;
  }

  advance(ms: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt += ms;
    else this.#offsetMs += ms;
  }

  setOffset(offsetMs: number): void {
    this.#offsetMs = offsetMs;
    this.#frozenAt = undefined;
  }

  freeze(): void {
    this.#frozenAt = this.now();
  }

  reset(): void {
    this.#offsetMs = 0;
    this.#frozenAt = undefined;
  }

  state(): ClockState {
    const now = this.now();
    return { now, offsetMs: now - this.realNow(), frozen: this.#frozenAt !== undefined };
  }
}

/**
 * Whose body it is: `credible` when the request carries credentials the gateway recognises before
 * reading the body (a valid token, a known key with a fresh date, a known AppCode or apikey);
 * `anonymous` otherwise. Anonymous bodies may hold only their share of the budget.
 */
export type BodyHolder = 'credible' | 'anonymous';

/** One request's claim on the budget: bytes are taken as they arrive and given back at the end. */
export interface BodyAccount {
  /** Takes `bytes` for a chunk that has arrived; resolves once they fit (the caller stops reading meanwhile). */
  take(bytes: number): Promise<void> | undefined;
  readonly heldBytes: number;
  release(): void;
}

interface Account extends BodyAccount {
  readonly opened: number;
  readonly holder: BodyHolder;
}

/**
 * A memory budget for request bodies being buffered, counted in bytes that have arrived: nothing is
 * reserved for bytes still on their way, so a slow upload holds only what it has sent (and is cut
 * off by the read-rate rule). A chunk that does not fit waits, its body left in the socket (TCP
 * back-pressure), first come first served. So that requests holding parts can never all wait on one
 * another, the oldest request holding bytes never waits: the budget can be exceeded by one body.
 */
export class BodyBudget {
  #held = 0;
  #anonymousHeld = 0;
  #opened = 0;
  readonly #holding = new Set<Account>();
  readonly #waiting: Array<{ account: Account; bytes: number; admit: () => void }> = [];

  constructor(
    readonly capacityBytes: number,
    /** What anonymous bodies may hold together. */
    readonly anonymousCapacityBytes: number = capacityBytes,
  ) {}

  open(holder: BodyHolder): BodyAccount {
    const budget = this;
    let held = 0;
    let released = false;
    const account: Account = {
      opened: ++this.#opened,
      holder,
      get heldBytes() {
        return held;
      },
      take(bytes) {
        if (budget.#oldestHolder() === account || (!budget.#queuedAhead(holder) && budget.#fits(account, bytes))) {
          budget.#grant(account, bytes);
          held += bytes;
          return undefined;
        }
        return new Promise<void>((admit) =>
          budget.#waiting.push({
            account,
            bytes,
            admit: () => {
              held += bytes;
              admit();
            },
          }),
        );
      },
      release() {
        if (released) return;
        released = true;
        budget.#held -= held;
        if (holder === 'anonymous') budget.#anonymousHeld -= held;
        held = 0;
        budget.#holding.delete(account);
        const stillWaiting = budget.#waiting.findIndex((w) => w.account === account);
        if (stillWaiting !== -1) budget.#waiting.splice(stillWaiting, 1);
        budget.#admitWaiting();
      },
    };
    return account;
  }

  get heldBytes(): number {
    return this.#held;
  }

  get waitingCount(): number {
    return this.#waiting.length;
  }

  /** A credible body queues only behind credible ones; an anonymous one behind any. */
  #queuedAhead(holder: BodyHolder): boolean {
    return holder === 'anonymous' ? this.#waiting.length > 0 : this.#waiting.some((w) => w.account.holder === 'credible');
  }

  #oldestHolder(): Account | undefined {
    let oldest: Account | undefined;
    for (const account of this.#holding) if (!oldest || account.opened < oldest.opened) oldest = account;
    return oldest;
  }

  #fits(account: Account, bytes: number): boolean {
    const withinShare = account.holder === 'credible' || this.#anonymousHeld + bytes <= this.anonymousCapacityBytes;
    if (withinShare && this.#held + bytes <= this.capacityBytes) return true;
    const oldest = this.#oldestHolder();
    return oldest === undefined || oldest === account;
  }

  #grant(account: Account, bytes: number): void {
    this.#held += bytes;
    if (account.holder === 'anonymous') this.#anonymousHeld += bytes;
    if (bytes > 0) this.#holding.add(account);
  }

  #admitWaiting(): void {
    // The oldest holder first: it must never wait, or holders could all wait on one another.
    const oldest = this.#oldestHolder();
    const oldestWaiting = this.#waiting.findIndex((w) => w.account === oldest);
    if (oldestWaiting !== -1) this.#admit(oldestWaiting);
    for (let i = 0; i < this.#waiting.length; ) {
      const next = this.#waiting[i]!;
      if (!this.#fits(next.account, next.bytes)) {
        // First come, first served within a share; an anonymous body over its share does not hold up a credible one.
        if (next.account.holder === 'credible') return;
        i++;
        continue;
      }
      this.#admit(i);
    }
  }

  #admit(index: number): void {
    const [next] = this.#waiting.splice(index, 1);
    this.#grant(next!.account, next!.bytes);
    next!.admit();
  }
}

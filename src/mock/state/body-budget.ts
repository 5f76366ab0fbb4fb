/**
 * Whose body it is: `credible` when the request carries credentials the gateway recognises before
 * reading the body (a valid token, a known key with a fresh date, a known AppCode or apikey);
 * `anonymous` otherwise. Anonymous bodies may hold only their share of the budget.
 */
export type BodyHolder = 'credible' | 'anonymous';

/** Thrown by `take` when so many chunks already wait that one more would only pin more memory. */
export class BodyQueueFull extends Error {
  override name = 'BodyQueueFull';
}

/** One request's claim on the budget: bytes are taken as they arrive and given back at the end. */
export interface BodyAccount {
  /** Takes `bytes` for a chunk that has arrived; resolves once they fit (the caller stops reading meanwhile). */
  take(bytes: number): Promise<void> | undefined;
  readonly heldBytes: number;
  release(): void;
}

interface Waiter {
  account: Account;
  bytes: number;
  admit: () => void;
}

interface Account extends BodyAccount {
  readonly holder: BodyHolder;
  waiter: Waiter | undefined;
}

/**
 * A memory budget for request bodies being buffered, counted in bytes that have arrived: nothing is
 * reserved for bytes still on their way, so a slow upload holds only what it has sent (and is cut
 * off by the read-rate rule). A chunk that does not fit waits, its body left in the socket (TCP
 * back-pressure), first come first served, and at most `maxWaiting` chunks wait at once. So that
 * requests holding parts can never all wait on one another, the oldest holder never waits: the
 * budget can be exceeded by one body. Every operation is O(1) but admitting, which stops at the
 * first chunk that does not fit.
 */
export class BodyBudget {
  #held = 0;
  #anonymousHeld = 0;
  /** In the order they first held bytes: the first is the oldest holder. */
  readonly #holding = new Set<Account>();
  /** In arrival order. */
  readonly #waiting = new Set<Waiter>();
  #credibleWaiting = 0;

  constructor(
    readonly capacityBytes: number,
    /** What anonymous bodies may hold together. */
    readonly anonymousCapacityBytes: number = capacityBytes,
    readonly maxWaiting = 256,
  ) {}

  open(holder: BodyHolder): BodyAccount {
    const budget = this;
    let held = 0;
    let released = false;
    const account: Account = {
      holder,
      waiter: undefined,
      get heldBytes() {
        return held;
      },
      take(bytes) {
        if (bytes === 0 || budget.#oldestHolder() === account || (!budget.#queuedAhead(holder) && budget.#fits(account, bytes))) {
          budget.#grant(account, bytes);
          held += bytes;
          return undefined;
        }
        // Each kind of body has half the queue: anonymous ones cannot fill it for credible ones.
        const waitingOfKind = holder === 'credible' ? budget.#credibleWaiting : budget.#waiting.size - budget.#credibleWaiting;
        if (waitingOfKind >= budget.maxWaiting / 2) throw new BodyQueueFull(`${budget.maxWaiting / 2} ${holder} bodies already wait for room`);
        return new Promise<void>((admit) => {
          const waiter: Waiter = {
            account,
            bytes,
            admit: () => {
              held += bytes;
              admit();
            },
          };
          account.waiter = waiter;
          budget.#enqueue(waiter);
        });
      },
      release() {
        if (released) return;
        released = true;
        budget.#held -= held;
        if (holder === 'anonymous') budget.#anonymousHeld -= held;
        held = 0;
        budget.#holding.delete(account);
        if (account.waiter) budget.#dequeue(account.waiter);
        budget.#admitWaiting();
      },
    };
    return account;
  }

  get heldBytes(): number {
    return this.#held;
  }

  get waitingCount(): number {
    return this.#waiting.size;
  }

  #enqueue(waiter: Waiter): void {
    this.#waiting.add(waiter);
    if (waiter.account.holder === 'credible') this.#credibleWaiting++;
  }

  #dequeue(waiter: Waiter): void {
    if (!this.#waiting.delete(waiter)) return;
    waiter.account.waiter = undefined;
    if (waiter.account.holder === 'credible') this.#credibleWaiting--;
  }

  /** A credible body queues only behind credible ones; an anonymous one behind any. */
  #queuedAhead(holder: BodyHolder): boolean {
    return holder === 'anonymous' ? this.#waiting.size > 0 : this.#credibleWaiting > 0;
  }

  #oldestHolder(): Account | undefined {
    return this.#holding.values().next().value;
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

  #admit(waiter: Waiter): void {
    this.#dequeue(waiter);
    this.#grant(waiter.account, waiter.bytes);
    waiter.admit();
  }

  #admitWaiting(): void {
    // The oldest holder first: it must never wait, or holders could all wait on one another.
    const oldestWaiter = this.#oldestHolder()?.waiter;
    if (oldestWaiter) this.#admit(oldestWaiter);
    let anonymousBlocked = false;
    for (const waiter of this.#waiting) {
      if (waiter.account.holder === 'anonymous' && anonymousBlocked) continue;
      if (this.#fits(waiter.account, waiter.bytes)) {
        this.#admit(waiter);
        continue;
      }
      // First come, first served within a share; an anonymous body over its share does not hold up a credible one.
      if (waiter.account.holder === 'credible') return;
      anonymousBlocked = true;
    }
  }
}

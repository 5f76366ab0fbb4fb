import type { ErrorKey } from './catalogue.ts';
import type { GatewayRequest, GatewayResponse } from './http-model.ts';
import type { JournalEntry, JournalVerdict } from './state/journal.ts';

/** What one exchange (a request to the gateway or IAM, never to the admin API) tells its listeners. */
export interface ExchangeEvents {
  /** A request has come in and been given its id. */
  'exchange:start': { requestId: string; request: GatewayRequest };
  /** The exchange is decided: by which step, and, for a refusal, by which catalogue entry. */
  'exchange:verdict': { requestId: string; verdict: JournalVerdict; step: string; rule?: ErrorKey | undefined };
  /** The answer is ready: with the journal entry it makes (the journal itself records it from here). */
  'exchange:end': { requestId: string; entry: Omit<JournalEntry, 'sequence'>; response: GatewayResponse };
}

type Listener<T> = (payload: T) => void;

/** A small typed event emitter: `on` returns the function that unsubscribes. Listeners run in order, synchronously. */
export class TypedEvents<Events extends object> {
  readonly #listeners = new Map<keyof Events, Array<Listener<never>>>();

  // Lists are replaced, never changed in place: emit walks the list it started with, without a copy per event.
  on<Name extends keyof Events>(name: Name, listener: Listener<Events[Name]>): () => void {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), listener as Listener<never>]);
    return () => {
      const current = this.#listeners.get(name) ?? [];
      const index = current.indexOf(listener as Listener<never>);
      if (index !== -1) this.#listeners.set(name, current.toSpliced(index, 1));
    };
  }

  emit<Name extends keyof Events>(name: Name, payload: Events[Name]): void {
    const list = this.#listeners.get(name);
    if (!list) return;
    for (const listener of list) (listener as Listener<Events[Name]>)(payload);
  }

  /** Whether anyone listens (the caller can skip building a payload nobody reads). */
  has(name: keyof Events): boolean {
    return (this.#listeners.get(name)?.length ?? 0) > 0;
  }
}

import { fitToBytes } from '../bounds/fit-to-bytes.ts';

export type JournalVerdict = 'accepted' | 'rejected' | 'warned';

export interface JournalEntry {
  /** Position in the journal's history, counting from 1; it keeps counting when old entries are dropped. */
  sequence: number;
  requestId: string;
  testId?: string | undefined;
  time: string;
  method: string;
  target: string;
  serviceId?: string | undefined;
  auth?: string | undefined;
  principal?: string | undefined;
  status: number;
  errorCode?: string | undefined;
  verdict: JournalVerdict;
  /** The rule that decided, e.g. `app.signature-mismatch`, and why, in words. */
  rule?: string | undefined;
  reason?: string | undefined;
  detail?: string | undefined;
  /** In warn mode: the rules a request broke but was let through despite. */
  violations?: Array<{ rule: string; detail: string }> | undefined;
  /** For signatures: what the gateway computed (no secret, no expected signature). */
  signature?:
    | {
        algorithm: string;
        accessKey: string;
        signedHeaders: string[];
        canonicalRequest?: string;
        stringToSign?: string;
        /** For a mismatch explained by a common mistake: which, and the canonical request the client's signature matches. */
        hint?: { id: string; canonicalRequest: string } | undefined;
      }
    | undefined;
  headers: Record<string, string>;
  bodyBytes: number;
  /** What the model was handed, when the request got that far: lets tools check a client sent what it meant to. */
  forwarded?: { subPath: string; query: string; bodySha256: string } | undefined;
  durationMs: number;
}

export interface JournalFilter {
  testId?: string | undefined;
  since?: number | undefined;
  limit?: number | undefined;
}

export interface JournalBounds {
  /** Entries kept at most. */
  maxEntries: number;
  /** Bytes kept at most, about (as JSON). */
  maxBytes: number;
  /** One entry's bytes at most: longer texts in it are cut, with a marker. */
  maxEntryBytes: number;
}

/** A record of requests and verdicts bounded by count and by bytes: the oldest entries go first. */
export class Journal {
  /** Oldest first from #head: dropping the oldest moves the head, and the dead front is cut off now and then. */
  #entries: JournalEntry[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #sequence = 0;
  readonly bounds: JournalBounds;

  constructor(bounds: number | JournalBounds) {
    this.bounds = typeof bounds === 'number' ? { maxEntries: bounds, maxBytes: Number.POSITIVE_INFINITY, maxEntryBytes: Number.POSITIVE_INFINITY } : bounds;
  }

  record(entry: Omit<JournalEntry, 'sequence'>): JournalEntry {
    const { value: recorded, bytes } = fitToBytes({ sequence: ++this.#sequence, ...entry }, this.bounds.maxEntryBytes);
    this.#entries.push(recorded);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
    // shift(), not splice(): V8 trims the array's front in place instead of moving every entry.
    while (this.size > this.bounds.maxEntries || (this.#bytes > this.bounds.maxBytes && this.size > 1)) {
      this.#bytes -= this.#sizes[this.#head]!;
      this.#head++;
    }
    // Cut off the dropped front once it is as long as what is kept: amortised O(1) per entry.
    if (this.#head > 64 && this.#head >= this.size) {
      this.#entries = this.#entries.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
    return recorded;
  }

  /** The sequence number of the latest entry (0 before any). */
  get lastSequence(): number {
    return this.#sequence;
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since ?? 0;
    const matching: JournalEntry[] = [];
    for (let i = this.#head; i < this.#entries.length; i++) {
      const e = this.#entries[i]!;
      if (e.sequence > since && (filter.testId === undefined || e.testId === filter.testId)) matching.push(e);
    }
    if (filter.limit === undefined) return matching;
    return filter.limit <= 0 ? [] : matching.slice(-filter.limit);
  }

  /**
   * `{"lastSequence":…,"entries":[…]}` one piece at a time, each entry serialised only when the
   * reader asks for it: a reader that does not read pins one entry, not the journal.
   */
  *serialize(filter: JournalFilter = {}): Generator<string> {
    const entries = this.list(filter);
    yield `{"lastSequence":${this.#sequence},"entries":[`;
    for (let i = 0; i < entries.length; i++) yield `${i === 0 ? '' : ','}${JSON.stringify(entries[i])}`;
    yield ']}';
  }

  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** About how many bytes the entries take as JSON. */
  get bytes(): number {
    return this.#bytes;
  }

  clear(): void {
    this.#entries = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}

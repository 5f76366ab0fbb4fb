
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

/** A bounded record of requests and verdicts: the oldest entries go first. */
export class Journal {
  #entries: JournalEntry[] = [];
  #sequence = 0;

  constructor(private readonly capacity: number) {}

  record(entry: Omit<JournalEntry, 'sequence'>): JournalEntry {
    const recorded = { sequence: ++this.#sequence, ...entry };
    this.#entries.push(recorded);
    // shift(), not splice(): V8 trims the array's front in place instead of moving every entry.
    if (this.#entries.length > this.capacity) this.#entries.shift();
    return recorded;
  }

  /** The sequence number of the latest entry (0 before any). */
  get lastSequence(): number {
    return this.#sequence;
  }

  list(filter: { testId?: string | undefined; since?: number | undefined; limit?: number | undefined } = {}): JournalEntry[] {
    const since = filter.since ?? 0;
    const matching = this.#entries.filter((e) => e.sequence > since && (filter.testId === undefined || e.testId === filter.testId));
    if (filter.limit === undefined) return [...matching];
    return filter.limit <= 0 ? [] : matching.slice(-filter.limit);
  }

  get size(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}

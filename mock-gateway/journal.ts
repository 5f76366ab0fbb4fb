
export type JournalVerdict = 'accepted' | 'rejected' | 'warned';

export interface JournalEntry {
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
  signature?: { algorithm: string; accessKey: string; signedHeaders: string[]; canonicalRequest?: string; stringToSign?: string } | undefined;
  headers: Record<string, string>;
  bodyBytes: number;
  durationMs: number;
}

/** A bounded record of requests and verdicts: the oldest entries go first. */
export class Journal {
  #entries: JournalEntry[] = [];

  constructor(private readonly capacity: number) {}

  record(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  list(filter: { testId?: string | undefined; limit?: number | undefined } = {}): JournalEntry[] {
    const matching = filter.testId === undefined ? this.#entries : this.#entries.filter((e) => e.testId === filter.testId);
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

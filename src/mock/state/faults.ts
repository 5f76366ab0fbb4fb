import { z } from 'zod';

/** A fault injected in front of one service's model, applied to a seeded fraction of calls. */
export const faultSchema = z
  .object({
    /** Answer with this error status instead of calling the model (body: a ModelArts-style error). 1xx, 2xx and 3xx are no fault: a 1xx would leave the client without a final answer. */
    status: z.number().int().min(400, 'a fault status is an error status, 400-599').max(599, 'a fault status is an error status, 400-599').optional(),
    /** Extra latency before the model is called, in ms. */
    delayMs: z.number().int().nonnegative().max(600_000).optional(),
    /** Drop the connection without an answer. */
    reset: z.boolean().optional(),
    /** Share of calls the fault applies to, 0..1 (default 1). */
    probability: z.number().min(0).max(1).default(1),
    seed: z.number().int().default(1),
  })
  .strict();

export type Fault = z.infer<typeof faultSchema>;

/** mulberry32: a tiny seeded generator, so "30 % of calls fail" repeats run to run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultRegistry {
  #faults = new Map<string, { fault: Fault; random: () => number }>();

  set(serviceId: string, fault: Fault): void {
    this.#faults.set(serviceId, { fault, random: seededRandom(fault.seed) });
  }

  clear(serviceId?: string): void {
    if (serviceId === undefined) this.#faults.clear();
    else this.#faults.delete(serviceId);
  }

  list(): Record<string, Fault> {
    return Object.fromEntries([...this.#faults].map(([id, { fault }]) => [id, fault]));
  }

  /** The fault to apply to this call, if any. */
  draw(serviceId: string): Fault | undefined {
    const entry = this.#faults.get(serviceId);
    if (!entry) return undefined;
    return entry.random() < entry.fault.probability ? entry.fault : undefined;
  }
}

import { z } from 'zod';
import type { ErrorKey } from '../catalogue.ts';

/**
 * The documented failures a fault can imitate by name, each with the catalogue entry it answers
 * (modelarts-services.md §4.2, gateway.md §2, §6.4, §6.5). 'timeout' answers as the backend
 * timeout does (behaviour.backendTimeoutError); the others name their variant.
 */
export const NAMED_FAULTS = {
  refused: 'modelarts.backend-refused',
  'no-available-server': 'modelarts.no-available-server',
  'closed-early': 'modelarts.backend-closed',
  'ssl-error': 'modelarts.backend-ssl',
  timeout: 'backend.timeout',
  'timeout-apig-0201': 'backend.timeout-0201',
  'timeout-modelarts': 'modelarts.timeout',
  'timeout-response': 'modelarts.response-timed-out',
  'timeout-connection': 'modelarts.connection-timeout',
  'timeout-read': 'modelarts.read-timeout',
  'circuit-breaker': 'modelarts.circuit-breaker',
  'platform-upgrading': 'modelarts.platform-upgrading',
  'backend-unavailable': 'backend.unreachable',
  'backend-unavailable-0202': 'backend.unavailable',
  'no-backend': 'backend.none-available',
} as const satisfies Record<string, ErrorKey>;

export type FaultName = keyof typeof NAMED_FAULTS;
const FAULT_NAMES = Object.keys(NAMED_FAULTS) as [FaultName, ...FaultName[]];

/**
 * What a bare `status` fault imitates: the most common documented answer with that status (the
 * choice among several is inferred). Any other status gets APIG's generic body with that status.
 */
export const STATUS_FAULTS: Readonly<Record<number, FaultName>> = {
  408: 'timeout-connection',
  500: 'refused',
  502: 'backend-unavailable',
  503: 'platform-upgrading',
  504: 'timeout',
};

/** A fault injected in front of one service's model, applied to a seeded fraction of calls. */
export const faultSchema = z
  .object({
    /** Imitate this documented failure instead of calling the model (NAMED_FAULTS), with its documented body. */
    fault: z.enum(FAULT_NAMES).optional(),
    /**
     * Answer with this error status instead of calling the model: alone, the documented answer
     * STATUS_FAULTS gives for it; with `fault`, that answer with this status. 1xx, 2xx and 3xx are
     * no fault: a 1xx would leave the client without a final answer.
     */
    status: z.number().int().min(400, 'a fault status is an error status, 400-599').max(599, 'a fault status is an error status, 400-599').optional(),
    /** Extra latency before the model is called (or before a named fault answers), in ms. */
    delayMs: z.number().int().nonnegative().max(600_000).optional(),
    /** Drop the connection without an answer. */
    reset: z.boolean().optional(),
    /** Share of calls the fault applies to, 0..1 (default 1). */
    probability: z.number().min(0).max(1).default(1),
    seed: z.number().int().default(1),
  })
  .strict();

export type Fault = z.infer<typeof faultSchema>;

/** The answer a fault gives in place of the model's, if it gives one: the catalogue entry, and the status when it is not the entry's. */
export function faultAnswer(fault: Fault, backendTimeoutError: 'apig' | 'modelarts'): { rule: ErrorKey; status?: number; name: string } | undefined {
  const name = fault.fault ?? (fault.status === undefined ? undefined : STATUS_FAULTS[fault.status]);
  if (name !== undefined) {
    const rule = name === 'timeout' && backendTimeoutError === 'modelarts' ? 'modelarts.timeout' : NAMED_FAULTS[name];
    return { rule, name, ...(fault.status === undefined ? {} : { status: fault.status }) };
  }
  if (fault.status === undefined) return undefined;
  return { rule: fault.status < 500 ? 'fault.client-error' : 'fault.server-error', status: fault.status, name: `status ${fault.status}` };
}

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

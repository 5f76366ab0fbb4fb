/** Synchronous loop timing: operations per second over a fixed slice of wall-clock time. */

/** Keeps results reachable so the optimiser cannot drop the work that produced them. */
let sink: unknown;
export const consume = (value: unknown): void => {
  sink = value;
};

/** Runs `operation` in batches until `durationMs` has passed; returns operations per second. */
export function opsPerSecond(operation: () => unknown, durationMs: number, batch = 64): number {
  let count = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  let now = start;
  do {
    for (let i = 0; i < batch; i++) consume(operation());
    count += batch;
    now = performance.now();
  } while (now < deadline);
  return (count * 1000) / (now - start);
}

export interface Contender {
  name: string;
  operation: () => unknown;
}

/**
 * Measures contenders side by side: after a warm-up of each, repetitions alternate between them
 * (A B A B …) so drift on a shared machine (another process, thermal throttling) hits both alike.
 */
export function interleavedOpsPerSecond(
  contenders: readonly Contender[],
  { repetitions, sliceMs, warmupMs }: { repetitions: number; sliceMs: number; warmupMs: number },
): Map<string, number[]> {
  for (const { operation } of contenders) opsPerSecond(operation, warmupMs);
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < repetitions; r++) {
    const order = r % 2 === 0 ? contenders : [...contenders].reverse();
    for (const { name, operation } of order) samples.get(name)!.push(opsPerSecond(operation, sliceMs));
  }
  return samples;
}

/** Milliseconds one call of `operation` takes (awaited when it returns a promise). */
export async function timeOnceMs(operation: () => unknown): Promise<number> {
  const start = performance.now();
  consume(await operation());
  return performance.now() - start;
}

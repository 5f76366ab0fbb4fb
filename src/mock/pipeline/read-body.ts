import type { RequestBody } from '../http-model.ts';
import { type BodyAccount, BodyQueueFull } from '../state/body-budget.ts';

export type BodyRead =
  | { ok: true; chunks: Buffer[]; bytes: number }
  | { ok: false; tooLarge: true; bytesRead: number }
  /** The body stream failed: the client went away, or sent a truncated or malformed body. */
  | { ok: false; aborted: true; bytesRead: number }
  /** The body stopped arriving, or arrived slower than the minimum rate. */
  | { ok: false; timedOut: true; bytesRead: number }
  /** The body budget's queue is full: the gateway cannot buffer this body now. */
  | { ok: false; busy: true; bytesRead: number };

export interface BodyReadLimits {
  maxBytes: number;
  /** The window (ms): a body that sends nothing, or too little, in any window of this length is cut off. */
  readTimeoutMs?: number | undefined;
  /** What a window must bring, as a rate (bytes/s); 0 or unset: one byte is enough. */
  minBytesPerSecond?: number | undefined;
  /**
   * Where the bytes held are counted (reading pauses while the budget is full), opened only for a
   * body that has not already arrived with its headers: one in memory already costs nothing more.
   */
  openAccount?: (() => BodyAccount) | undefined;
}

const TIMED_OUT = Symbol('timed out');

/** The pending read, or TIMED_OUT if it has not settled within `ms` (it stays pending, to be raced again). */
function within<T>(pending: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  if (ms <= 0) return Promise.resolve(TIMED_OUT);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)));
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads a body up to `maxBytes`. A declared Content-Length over the cap is refused before any byte
 * is read; a body that grows past the cap is cut off at the chunk that crosses it, never buffered
 * further; one that stalls or trickles is cut off when a window of `readTimeoutMs` brings less than
 * the minimum rate. Each window is judged on its own, so a fast start earns no credit for a
 * trickle after it. Time spent waiting for the body budget does not count: that wait is the
 * gateway's, not the client's.
 */
export async function readCappedBody(body: RequestBody, limitsOrMaxBytes: number | BodyReadLimits): Promise<BodyRead> {
  const limits = typeof limitsOrMaxBytes === 'number' ? { maxBytes: limitsOrMaxBytes } : limitsOrMaxBytes;
  const { maxBytes } = limits;
  if (body.declaredLength !== undefined && body.declaredLength > maxBytes) return { ok: false, tooLarge: true, bytesRead: 0 };
  const arrived = body.arrived?.(maxBytes) ?? (await arrivedWithHeaders(body, maxBytes));
  if (arrived) return arrivedBody(arrived);
  const account = limits.openAccount?.();
  const timeoutMs = limits.readTimeoutMs;
  const rate = limits.minBytesPerSecond ?? 0;
  const chunks: Buffer[] = [];
  let bytes = 0;
  // Bytes a window must bring, at least one: the rate over the window less one second, so that a
  // client sending a little above the rate in ticks is not cut for the tick that falls just after.
  const windowNeeds = timeoutMs === undefined ? 0 : Math.max(1, Math.ceil((rate * Math.max(0, timeoutMs - 1000)) / 1000));
  let windowStart = performance.now();
  let windowBytes = 0;
  try {
    const iterator = body.chunks()[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<Uint8Array> | typeof TIMED_OUT;
      if (timeoutMs === undefined) step = await iterator.next();
      else {
        const pending = iterator.next();
        step = await within(pending, windowStart + timeoutMs - performance.now());
        while (step === TIMED_OUT && windowBytes >= windowNeeds) {
          // The window brought enough: the next one starts now.
          windowStart = performance.now();
          windowBytes = 0;
          step = await within(pending, timeoutMs);
        }
      }
      if (step === TIMED_OUT) return { ok: false, timedOut: true, bytesRead: bytes };
      if (step.done) break;
      const chunk = step.value;
      bytes += chunk.length;
      windowBytes += chunk.length;
      if (bytes > maxBytes) return { ok: false, tooLarge: true, bytesRead: bytes };
      const wait = account?.take(chunk.length);
      if (wait) {
        const waitStarted = performance.now();
        await wait;
        windowStart += performance.now() - waitStarted;
      }
      chunks.push(asBuffer(chunk));
    }
  } catch (error) {
    if (error instanceof BodyQueueFull) return { ok: false, busy: true, bytesRead: bytes };
    return { ok: false, aborted: true, bytesRead: bytes };
  } finally {
    // The chunks stay referenced until the answer is out, but the budget bounds reading, not answering.
    account?.release();
  }
  return { ok: true, chunks, bytes };
}

/**
 * Node hands over a request as soon as its headers are parsed, before the body bytes that came in
 * the same packet: those are in the request's buffer one microtask later. Waiting that long spares
 * a small body the streamed read (an iterator, a timer per chunk, the budget's bookkeeping).
 */
async function arrivedWithHeaders(body: RequestBody, maxBytes: number): Promise<Uint8Array[] | undefined> {
  if (!body.arrived || body.declaredLength === undefined) return undefined;
  await Promise.resolve();
  return body.arrived(maxBytes);
}

function arrivedBody(arrived: Uint8Array[]): { ok: true; chunks: Buffer[]; bytes: number } {
  const chunks = arrived.map(asBuffer);
  let bytes = 0;
  for (const chunk of chunks) bytes += chunk.length;
  return { ok: true, chunks, bytes };
}

const asBuffer = (chunk: Uint8Array) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));

/** Raw HTTP/1.1 over node:net, for exchanges no well-behaved client would send. */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RawAnswer {
  /** Everything the server sent before closing (or before `waitMs` ran out). */
  text: string;
  status: number | undefined;
  /** The server closed the connection. */
  closed: boolean;
  /** Milliseconds from connecting to the end of the answer (close, or `waitMs`). */
  elapsedMs: number;
}

/** A step: bytes to write, or a pause. */
export type RawStep = string | Buffer | { pauseMs: number };

/**
 * Connects to 127.0.0.1:`port`, plays `steps` (stopping if the server closes), optionally half-closes,
 * and collects the answer until the server closes or `waitMs` passes after the last step.
 */
export async function rawExchange(port: number, steps: readonly RawStep[], options: { halfClose?: boolean; waitMs?: number } = {}): Promise<RawAnswer> {
  const socket: Socket = connect({ port, host: '127.0.0.1' });
  const started = performance.now();
  const received: Buffer[] = [];
  let closed = false;
  let closedAt = 0;
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', () => undefined);
  const closedPromise = new Promise<void>((resolve) =>
    socket.on('close', () => {
      closed = true;
      closedAt = performance.now();
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  for (const step of steps) {
    if (closed) break;
    if (typeof step === 'object' && 'pauseMs' in step) await sleep(step.pauseMs);
    else if (!socket.destroyed) await new Promise<void>((resolve) => socket.write(step, () => resolve()));
  }
  if (options.halfClose && !closed) socket.end();
  await Promise.race([closedPromise, sleep(options.waitMs ?? 2000)]);
  const elapsedMs = (closed ? closedAt : performance.now()) - started;
  socket.destroy();
  const text = Buffer.concat(received).toString('latin1');
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
  return { text, status: status === undefined ? undefined : Number(status), closed, elapsedMs };
}

/** The JSON body of a raw answer (after the blank line; chunked bodies are not expected here). */
export function rawJsonBody(answer: RawAnswer): Record<string, unknown> | undefined {
  const start = answer.text.indexOf('\r\n\r\n');
  if (start === -1) return undefined;
  try {
    return JSON.parse(answer.text.slice(start + 4)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

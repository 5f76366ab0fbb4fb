import type { RequestBody } from '../http-model.ts';

export type BodyRead =
  | { ok: true; chunks: Buffer[]; bytes: number }
  | { ok: false; tooLarge: true; bytesRead: number }
  /** The body stream failed: the client went away, or sent a truncated or malformed body. */
  | { ok: false; aborted: true; bytesRead: number };

/**
 * Reads a body up to `maxBytes`. A declared Content-Length over the cap is refused before any byte
 * is read; a body that grows past the cap is cut off at the chunk that crosses it, never buffered
 * further.
 */
export async function readCappedBody(body: RequestBody, maxBytes: number): Promise<BodyRead> {
  if (body.declaredLength !== undefined && body.declaredLength > maxBytes) return { ok: false, tooLarge: true, bytesRead: 0 };
  const arrived = body.arrived?.(maxBytes);
  if (arrived) return arrivedBody(arrived);
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of body.chunks()) {
      bytes += chunk.length;
      if (bytes > maxBytes) return { ok: false, tooLarge: true, bytesRead: bytes };
      chunks.push(asBuffer(chunk));
    }
  } catch {
    return { ok: false, aborted: true, bytesRead: bytes };
  }
  return { ok: true, chunks, bytes };
}

function arrivedBody(arrived: Uint8Array[]): BodyRead {
  const chunks = arrived.map(asBuffer);
  let bytes = 0;
  for (const chunk of chunks) bytes += chunk.length;
  return { ok: true, chunks, bytes };
}

const asBuffer = (chunk: Uint8Array) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));

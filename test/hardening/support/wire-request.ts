/**
 * A request as plain data (so fast-check can print and shrink it), turned into the gateway's
 * request model the way the Express adapter builds one: lower-case header names, path and query
 * split from the target, the body handed over in chunks.
 */
import type { GatewayRequest } from '../../../src/mock/http-model.ts';
import { splitRequestTarget } from '../../../src/protocol/index.ts';

export interface WireRequest {
  method: string;
  target: string;
  /** Lower-case names, in order; a name may repeat. */
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** How the body arrives: sizes of the first chunks (the rest comes as one). */
  chunkSizes: number[];
  /** Content-Length: the true length, none (chunked), or a stated number. */
  declaredLength: 'exact' | 'none' | number;
  /** The client goes away after this many chunks: the body stream fails. */
  abortAfterChunks?: number | undefined;
}

function* chunksOf(body: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let offset = 0;
  for (const size of sizes) {
    if (offset >= body.length) return;
    yield body.subarray(offset, offset + Math.max(1, size));
    offset += Math.max(1, size);
  }
  if (offset < body.length) yield body.subarray(offset);
}

function* abortingAfter(chunks: Iterable<Uint8Array>, count: number | undefined): Generator<Uint8Array> {
  let sent = 0;
  for (const chunk of chunks) {
    if (sent++ === count) break;
    yield chunk;
  }
  if (count !== undefined) throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

export function toGatewayRequest(wire: WireRequest): GatewayRequest {
  const headers = new Map<string, string[]>();
  for (const [name, value] of wire.headers) headers.set(name, [...(headers.get(name) ?? []), value]);
  const declaredLength = wire.declaredLength === 'exact' ? wire.body.length : wire.declaredLength === 'none' ? undefined : wire.declaredLength;
  const { path, query } = splitRequestTarget(wire.target);
  return {
    method: wire.method,
    target: wire.target,
    path,
    query,
    headers,
    body: {
      declaredLength,
      async *chunks() {
        yield* abortingAfter(chunksOf(wire.body, wire.chunkSizes), wire.abortAfterChunks);
      },
    },
    remoteAddress: '127.0.0.1',
  };
}

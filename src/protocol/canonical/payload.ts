import { createHash } from 'node:crypto';
import { type DigestName, digestHex } from '../digest.ts';

/** The literal a client puts in X-Sdk-Content-Sha256 to leave the body out of the signature. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * A request body in any of the forms the two sides hold it: in memory, or as a stream of chunks.
 * Streams are hashed chunk by chunk and never joined into one buffer.
 */
export type BodySource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array> | null | undefined;

export function isInMemoryBody(body: BodySource): body is string | Uint8Array | null | undefined {
  return body == null || typeof body === 'string' || body instanceof Uint8Array;
}

export function digestInMemoryBody(digest: DigestName, body: string | Uint8Array | null | undefined): string {
  return digestHex(digest, body ?? '');
}

export async function digestBody(digest: DigestName, body: BodySource): Promise<string> {
  if (isInMemoryBody(body)) return digestInMemoryBody(digest, body);
  const hash = createHash(digest);
  if (Symbol.asyncIterator in body) {
    for await (const chunk of body) hash.update(chunk);
  } else {
    for (const chunk of body) hash.update(chunk);
  }
  return hash.digest('hex');
}

import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16;
const pool = Buffer.alloc(ID_BYTES * 512);
let offset = pool.length;

/**
 * A request id: 32 random hex digits, as APIG's. Drawn from a pool refilled 512 ids at a time:
 * one randomBytes() call per request cost more than the rest of a small request's bookkeeping.
 */
export function newRequestId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += ID_BYTES;
  return pool.toString('hex', offset - ID_BYTES, offset);
}

import { hash, timingSafeEqual } from 'node:crypto';

/** Compares two strings in time that depends on neither's content nor on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = hash('sha256', a, 'buffer');
  const right = hash('sha256', b, 'buffer');
  return timingSafeEqual(left, right);
}

/**
 * Compares a computed signature with the one a client sent, in time that depends only on their
 * lengths: a signature's length is public (64 hex digits for SHA-256), so unlike
 * constantTimeEqual it needs no hashing first.
 */
export function signaturesEqual(computed: string, provided: string): boolean {
  const left = Buffer.from(computed, 'utf8');
  const right = Buffer.from(provided, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

import { hash, timingSafeEqual } from 'node:crypto';

/** Compares two strings in time that depends on neither's content nor on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = hash('sha256', a, 'buffer');
  const right = hash('sha256', b, 'buffer');
  return timingSafeEqual(left, right);
}

/**
 * Keeping credentials out of sight: every object of this library that holds one prints, stringifies
 * and inspects as a description in which each secret is replaced by `[redacted, N chars]`.
 */

import { CREDENTIAL_HEADERS } from '../protocol/index.ts';

/** The key Node's `util.inspect` looks for; `Symbol.for` keeps this module free of `node:util`. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export function redacted(secret: string): string {
  return `[redacted, ${secret.length} chars]`;
}

/** Header lines of a canonical request the gateway echoes (`name:value|`) whose values are credentials. */
const CREDENTIAL_HEADER_LINE = new RegExp(`\\b(${[...CREDENTIAL_HEADERS].join('|')}):[^|\\r\\n]*`, 'gi');

/** `text` with each of `secrets` (and any credential header echoed in it) replaced. */
export function maskSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let masked = text.replace(CREDENTIAL_HEADER_LINE, (_, name: string) => `${name}:[redacted]`);
  const known = [...secrets].filter((s): s is string => typeof s === 'string' && s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of known) masked = masked.split(secret).join(redacted(secret));
  return masked;
}

/**
 * Refuses a credential that cannot be a header value, with a message that does not quote it
 * (fetch's own `Headers` error would print the value).
 */
export function checkHeaderValue(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${what} is empty`);
  if (/[\0\r\n]/.test(value) || value.trim() !== value) throw new TypeError(`${what} is not a valid HTTP header value`);
  return value;
}

/** Base for credential holders: `toJSON`, `toString` and `util.inspect` all show `describe()` only. */
export abstract class MaskedObject {
  /** A description safe to log: no secret in it, only its redacted form. */
  protected abstract describe(): Record<string, unknown>;

  toJSON(): Record<string, unknown> {
    return this.describe();
  }

  toString(): string {
    return `${this.constructor.name} ${JSON.stringify(this.describe())}`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

import { parseTimeInput } from '../protocol/index.ts';

/** An ISO-8601 time, an X-Sdk-Date, or epoch milliseconds; throws on anything else. */
export function parseTime(text: string | number): number {
  const ms = parseTimeInput(text);
  if (ms === undefined) throw new RangeError(`"${text}" is not a time (ISO-8601, YYYYMMDDTHHMMSSZ or epoch ms)`);
  return ms;
}

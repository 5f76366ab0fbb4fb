/** X-Sdk-Date: `YYYYMMDDTHHMMSSZ` in UTC, 16 characters, nothing else (signing.md §1.2). */

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export type SdkDateProblem = 'format' | 'calendar';
export type SdkDateParse = { ok: true; epochMs: number } | { ok: false; problem: SdkDateProblem };

export function formatSdkDate(time: Date | number): string {
  const iso = new Date(time).toISOString(); // 2019-11-15T03:36:55.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Strict: the exact layout, and a real calendar instant (no month 13, no 31 February, no :60). */
export function parseSdkDate(text: string): SdkDateParse {
  const match = SDK_DATE.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(epochMs);
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  return real ? { ok: true, epochMs } : { ok: false, problem: 'calendar' };
}

/** A time as people and configs write it: an X-Sdk-Date, epoch milliseconds, or ISO-8601. */
export function parseTimeInput(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const sdk = parseSdkDate(input);
  if (sdk.ok) return sdk.epochMs;
  const ms = /^\d+$/.test(input) ? Number(input) : Date.parse(input);
  return Number.isNaN(ms) ? undefined : ms;
}

/** X-Sdk-Date: `YYYYMMDDTHHMMSSZ` in UTC, 16 characters, nothing else (signing.md §1.2). */

/** Where each field of `YYYYMMDDTHHMMSSZ` starts, and its width. */
const FIELDS: ReadonlyArray<readonly [start: number, width: number]> = [
  [0, 4],
  [4, 2],
  [6, 2],
  [9, 2],
  [11, 2],
  [13, 2],
];

/** The field as a number, or -1 unless it is all ASCII digits (read by hand: a capturing regex cost more than the rest of signing's date work). */
function digitsAt(text: string, start: number, width: number): number {
  let value = 0;
  for (let i = start; i < start + width; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

export type SdkDateProblem = 'format' | 'calendar';
export type SdkDateParse = { ok: true; epochMs: number } | { ok: false; problem: SdkDateProblem };

export function formatSdkDate(time: Date | number): string {
  const iso = new Date(time).toISOString(); // 2019-11-15T03:36:55.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Strict: the exact layout, and a real calendar instant (no month 13, no 31 February, no :60). */
export function parseSdkDate(text: string): SdkDateParse {
  if (text.length !== 16 || text[8] !== 'T' || text[15] !== 'Z') return { ok: false, problem: 'format' };
  const [year, month, day, hour, minute, second] = FIELDS.map(([start, width]) => digitsAt(text, start, width)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return { ok: false, problem: 'format' };
  // Years 0000-0099 are refused: Date.UTC would read them as 1900-1999.
  const real = year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  return real ? { ok: true, epochMs: Date.UTC(year, month - 1, day, hour, minute, second) } : { ok: false, problem: 'calendar' };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, as Date is. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** A time as people and configs write it: an X-Sdk-Date, epoch milliseconds, or ISO-8601. */
export function parseTimeInput(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const sdk = parseSdkDate(input);
  if (sdk.ok) return sdk.epochMs;
  const ms = /^\d+$/.test(input) ? Number(input) : Date.parse(input);
  return Number.isNaN(ms) ? undefined : ms;
}

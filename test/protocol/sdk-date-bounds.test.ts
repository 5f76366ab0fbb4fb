/**
 * The edges of X-Sdk-Date parsing (signing.md §1.2: `YYYYMMDDTHHMMSSZ`, UTC, 16 characters, literal
 * `T` and `Z`, nothing else): every field's digits, every field's range, every month's last day,
 * and the years Date.UTC would silently move. Expected instants come from Date.parse of the ISO
 * form, not from the parser under test.
 */
import { describe, expect, it } from 'vitest';
import { parseSdkDate, parseTimeInput } from '../../src/protocol/sdk-date.ts';

const iso = (text: string) => Date.parse(text);
const FORMAT = { ok: false, problem: 'format' };
const CALENDAR = { ok: false, problem: 'calendar' };
const BASE = '20191115T033655Z';

/** BASE with the character at `index` replaced. */
const withCharAt = (index: number, char: string) => BASE.slice(0, index) + char + BASE.slice(index + 1);
const DIGIT_POSITIONS = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14];

describe('parseSdkDate: every digit position holds an ASCII digit', () => {
  // '/' and ':' are the characters just below '0' and just above '9'.
  it.each(DIGIT_POSITIONS.flatMap((index) => ['/', ':', 'a', ' ', '-'].map((char) => [index, char] as const)))(
    'position %i as %j is a format problem',
    (index, char) => {
      expect(parseSdkDate(withCharAt(index, char))).toEqual(FORMAT);
    },
  );

  it('reads "0" and "9" in every position as digits', () => {
    // 2999-09-29 09:59:59 and 2000-01-01 00:00:00: 9s and 0s where the calendar allows them.
    expect(parseSdkDate('29990929T095959Z')).toEqual({ ok: true, epochMs: iso('2999-09-29T09:59:59Z') });
    expect(parseSdkDate('20000101T000000Z')).toEqual({ ok: true, epochMs: iso('2000-01-01T00:00:00Z') });
  });

  it.each([
    ['20191115Tab3655Z', 'letters for the hour'],
    ['20191115T03365/Z', "'/' for the last second digit"],
    ['2019111ST033655Z', 'a letter in the day'],
  ])('%s (%s) is a format problem', (text) => {
    expect(parseSdkDate(text)).toEqual(FORMAT);
  });
});

describe('parseSdkDate: the literal T and Z', () => {
  it.each(['20191115T033655X', '20191115T033655z', '20191115T0336550', '20191115X033655Z', '201911150033655Z', '20191115 033655Z'])(
    '%s is a format problem',
    (text) => {
      expect(parseSdkDate(text)).toEqual(FORMAT);
    },
  );

  it.each(['20191115T033655ZZ', '20191115T03365Z', '0191115T033655Z'])('%s (wrong length) is a format problem', (text) => {
    expect(parseSdkDate(text)).toEqual(FORMAT);
  });
});

describe('parseSdkDate: field ranges', () => {
  it('accepts the last instant of a day and the first', () => {
    expect(parseSdkDate('20191115T235959Z')).toEqual({ ok: true, epochMs: iso('2019-11-15T23:59:59Z') });
    expect(parseSdkDate('20191115T000000Z')).toEqual({ ok: true, epochMs: iso('2019-11-15T00:00:00Z') });
  });

  it.each([
    ['20191115T240000Z', 'hour 24'],
    ['20191115T236000Z', 'minute 60'],
    ['20191115T235960Z', 'second 60'],
    ['20191115T990000Z', 'hour 99'],
    ['20191115T009900Z', 'minute 99'],
    ['20191115T000099Z', 'second 99'],
    ['20190015T000000Z', 'month 0'],
    ['20191315T000000Z', 'month 13'],
    ['20199915T000000Z', 'month 99'],
    ['20191100T000000Z', 'day 0'],
    ['20191199T000000Z', 'day 99'],
  ])('%s (%s) is a calendar problem', (text) => {
    expect(parseSdkDate(text)).toEqual(CALENDAR);
  });

  it('refuses years 0000–0099, which Date.UTC would read as 1900–1999', () => {
    expect(parseSdkDate('00991231T235959Z')).toEqual(CALENDAR);
    expect(parseSdkDate('00000101T000000Z')).toEqual(CALENDAR);
    expect(parseSdkDate('00500615T120000Z')).toEqual(CALENDAR);
  });

  it('accepts year 0100 as year 100, and 9999', () => {
    expect(parseSdkDate('01000101T000000Z')).toEqual({ ok: true, epochMs: iso('0100-01-01T00:00:00Z') });
    expect(parseSdkDate('99991231T235959Z')).toEqual({ ok: true, epochMs: iso('9999-12-31T23:59:59Z') });
  });
});

describe('parseSdkDate: the last day of every month', () => {
  const LAST_DAY_2019 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  it.each(LAST_DAY_2019.map((last, index) => [index + 1, last] as const))('month %i of 2019 ends on day %i', (month, last) => {
    const mm = String(month).padStart(2, '0');
    expect(parseSdkDate(`2019${mm}${last}T120000Z`)).toEqual({ ok: true, epochMs: iso(`2019-${mm}-${last}T12:00:00Z`) });
    expect(parseSdkDate(`2019${mm}${last + 1}T120000Z`)).toEqual(CALENDAR);
  });

  it.each([
    ['2000', true, 'divisible by 400'],
    ['2004', true, 'divisible by 4'],
    ['2024', true, 'divisible by 4'],
    ['1900', false, 'divisible by 100, not 400'],
    ['2100', false, 'divisible by 100, not 400'],
    ['2019', false, 'not divisible by 4'],
    ['2022', false, 'even, not divisible by 4'],
  ])('29 February %s: leap %s (%s)', (year, leap) => {
    expect(parseSdkDate(`${year}0229T000000Z`)).toEqual(leap ? { ok: true, epochMs: iso(`${year}-02-29T00:00:00Z`) } : CALENDAR);
    expect(parseSdkDate(`${year}0228T000000Z`)).toEqual({ ok: true, epochMs: iso(`${year}-02-28T00:00:00Z`) });
    expect(parseSdkDate(`${year}0230T000000Z`)).toEqual(CALENDAR);
  });
});

describe('parseTimeInput: a time as people and configs write it', () => {
  it('takes an X-Sdk-Date', () => {
    expect(parseTimeInput('20191115T033655Z')).toBe(iso('2019-11-15T03:36:55Z'));
  });

  it('takes epoch milliseconds, as a number or as digits', () => {
    expect(parseTimeInput(1_573_789_015_000)).toBe(1_573_789_015_000);
    expect(parseTimeInput('1573789015000')).toBe(1_573_789_015_000);
    expect(parseTimeInput(0)).toBe(0);
    expect(parseTimeInput('0')).toBe(0);
  });

  it('takes ISO-8601', () => {
    expect(parseTimeInput('2019-11-15T03:36:55Z')).toBe(iso('2019-11-15T03:36:55Z'));
    expect(parseTimeInput('2019-11-15T03:36:55.250Z')).toBe(iso('2019-11-15T03:36:55.250Z'));
    // A date-only form is UTC midnight (ECMA-262 Date Time String Format), though it ends in digits.
    expect(parseTimeInput('2019-11-15')).toBe(Date.UTC(2019, 10, 15));
  });

  it('refuses what is none of these', () => {
    expect(parseTimeInput('yesterday')).toBeUndefined();
    expect(parseTimeInput('')).toBeUndefined();
    expect(parseTimeInput(Number.NaN)).toBeUndefined();
    expect(parseTimeInput(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('does not read an impossible X-Sdk-Date as something else', () => {
    expect(parseTimeInput('20191315T033655Z')).toBeUndefined();
  });
});

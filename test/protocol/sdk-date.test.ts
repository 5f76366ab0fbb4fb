import { describe, expect, it } from 'vitest';
import { formatSdkDate, parseSdkDate } from '../../src/protocol/sdk-date.ts';

// signing.md §1.2: YYYYMMDDTHHMMSSZ in UTC, 16 characters, literal T and Z, no separators,
// no fractional seconds.

describe('formatSdkDate', () => {
  it('formats the doc example instant', () => {
    expect(formatSdkDate(new Date(Date.UTC(2019, 10, 15, 3, 36, 55)))).toBe('20191115T033655Z');
  });

  it('accepts epoch milliseconds', () => {
    expect(formatSdkDate(Date.UTC(2006, 0, 2, 15, 4, 5))).toBe('20060102T150405Z');
  });

  it('drops milliseconds rather than rounding', () => {
    expect(formatSdkDate(Date.UTC(2019, 10, 15, 3, 36, 55, 999))).toBe('20191115T033655Z');
  });

  it('zero-pads every field', () => {
    expect(formatSdkDate(Date.UTC(2001, 0, 2, 3, 4, 5))).toBe('20010102T030405Z');
  });

  it('uses UTC, not local time', () => {
    // 2019-11-15T23:30:00+08:00 is 15:30 UTC
    expect(formatSdkDate(new Date('2019-11-15T23:30:00+08:00'))).toBe('20191115T153000Z');
  });

  it('is always 16 characters', () => {
    expect(formatSdkDate(Date.UTC(2026, 11, 31, 23, 59, 59))).toHaveLength(16);
  });
});

describe('parseSdkDate', () => {
  it.each([
    ['20191115T033655Z', Date.UTC(2019, 10, 15, 3, 36, 55)],
    ['20060102T150405Z', Date.UTC(2006, 0, 2, 15, 4, 5)],
    ['20200229T000000Z', Date.UTC(2020, 1, 29, 0, 0, 0)],
    ['20000229T120000Z', Date.UTC(2000, 1, 29, 12, 0, 0)],
    ['20191231T235959Z', Date.UTC(2019, 11, 31, 23, 59, 59)],
    ['19700101T000000Z', 0],
  ])('accepts %s', (text, epochMs) => {
    expect(parseSdkDate(text)).toEqual({ ok: true, epochMs });
  });

  it.each([
    '2019-11-15T03:36:55Z',
    '20191115T033655',
    '20191115 033655Z',
    '20191115t033655z',
    '20191115T033655.123Z',
    '20191115T0336Z',
    '191115T033655Z',
    ' 20191115T033655Z',
    '20191115T033655Z ',
    '20191115T033655Z\n',
    '20191115T033655+0000',
    'Fri, 15 Nov 2019 03:36:55 GMT',
    '２０１９1115T033655Z',
    '',
  ])('rejects the layout of %j as a format problem', (text) => {
    expect(parseSdkDate(text)).toEqual({ ok: false, problem: 'format' });
  });

  it.each([
    ['20190230T000000Z', '30 February'],
    ['20190229T000000Z', '29 February in a common year'],
    ['21000229T000000Z', '29 February in 2100 (not a leap year)'],
    ['20190431T000000Z', '31 April'],
    ['20191301T000000Z', 'month 13'],
    ['20190001T000000Z', 'month 0'],
    ['20190100T000000Z', 'day 0'],
    ['20191115T246000Z', 'hour 24, minute 60'],
    ['20191115T240000Z', 'hour 24'],
    ['20191115T236000Z', 'minute 60'],
    ['20191231T235960Z', 'second 60'],
  ])('rejects %s (%s) as a calendar problem', (text) => {
    expect(parseSdkDate(text)).toEqual({ ok: false, problem: 'calendar' });
  });

  it('round-trips with formatSdkDate', () => {
    const text = '20261123T101500Z';
    const parsed = parseSdkDate(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatSdkDate(parsed.epochMs)).toBe(text);
  });
});

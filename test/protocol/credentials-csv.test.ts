/**
 * The console's credentials.csv (`User Name,Access Key Id,Secret Access Key`, one row per key),
 * read as RFC 4180 records with the tolerances the module documents, and written back as RFC 4180.
 */
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_CSV_HEADER, formatCredentialsCsv, MAX_CREDENTIALS_CSV_BYTES, parseCredentialsCsv } from '../../src/protocol/credentials-csv.ts';

const HEADER = 'User Name,Access Key Id,Secret Access Key';
const ok = (text: string | Uint8Array) => {
  const read = parseCredentialsCsv(text);
  if (!read.ok) throw new Error(read.problem);
  return read.credentials;
};
const problem = (text: string | Uint8Array) => {
  const read = parseCredentialsCsv(text);
  if (read.ok) throw new Error('expected a problem');
  return read.problem;
};

describe('parseCredentialsCsv', () => {
  it('reads the console file: header and one row', () => {
    expect(ok(`${HEADER}\r\nalice,AKALICE,secret1\r\n`)).toEqual([{ userName: 'alice', accessKey: 'AKALICE', secretKey: 'secret1' }]);
    expect(CREDENTIALS_CSV_HEADER.join(',')).toBe(HEADER);
  });

  it('takes LF, CRLF, a lone CR and no final line end alike', () => {
    const want = [
      { userName: 'a', accessKey: 'A1', secretKey: 'S1' },
      { userName: 'b', accessKey: 'A2', secretKey: 'S2' },
    ];
    expect(ok(`${HEADER}\na,A1,S1\nb,A2,S2\n`)).toEqual(want);
    expect(ok(`${HEADER}\r\na,A1,S1\r\nb,A2,S2`)).toEqual(want);
    expect(ok(`${HEADER}\ra,A1,S1\rb,A2,S2\r`)).toEqual(want);
  });

  it('drops a UTF-8 BOM, from text and from bytes, and reads UTF-8 bytes', () => {
    expect(ok(`\uFEFF${HEADER}\na,A1,S1`)[0]!.userName).toBe('a');
    expect(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`${HEADER}\nzoë,A1,S1`)]))[0]!.userName).toBe('zoë');
  });

  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', () => {
    const [row] = ok(`${HEADER}\n"a, b","A""1","S\r\n1"\n`);
    expect(row).toEqual({ userName: 'a, b', accessKey: 'A"1', secretKey: 'S\r\n1' });
  });

  it('a quote inside an unquoted field is part of it', () => {
    expect(ok(`${HEADER}\nu,A"1,S1`)[0]!.accessKey).toBe('A"1');
  });

  it('ignores blank lines, spaces around fields, the header’s case, spacing and column order', () => {
    expect(ok(`\n  secret   access key , user name,ACCESS KEY ID\n\n S1 , a , A1 \n\n`)).toEqual([{ userName: 'a', accessKey: 'A1', secretKey: 'S1' }]);
  });

  it('keeps a row without a user name', () => {
    expect(ok(`${HEADER}\n,A1,S1`)).toEqual([{ userName: '', accessKey: 'A1', secretKey: 'S1' }]);
  });

  it('refuses an empty file, a missing column, a short row, an open quote, a header alone', () => {
    expect(problem('')).toBe('the file is empty');
    expect(problem('\n\n')).toBe('the file is empty');
    expect(problem('User Name,Access Key Id\nu,A1')).toBe(`the header has no "Secret Access Key" column (expected ${HEADER})`);
    expect(problem('AK,SK\nA1,S1')).toContain('no "User Name", "Access Key Id", "Secret Access Key" column');
    expect(problem(`${HEADER}\nu,A1,S1\nv,A2`)).toBe('row 3 has no access key id or no secret access key');
    expect(problem(`${HEADER}\nu,,S1`)).toBe('row 2 has no access key id or no secret access key');
    expect(problem(`${HEADER}\nu,A1,"S1`)).toBe('a quoted field is not closed');
    expect(problem(`${HEADER}\n`)).toBe('the file has a header but no key');
  });

  it('refuses more than its byte cap, counted in bytes, not characters', () => {
    const cap = MAX_CREDENTIALS_CSV_BYTES;
    expect(cap).toBe(64 * 1024);
    const fill = (bytes: number) => `${HEADER}\nu,A1,${'s'.repeat(bytes - HEADER.length - 6)}`;
    expect(ok(fill(cap))).toHaveLength(1);
    expect(problem(fill(cap + 1))).toBe(`a credentials.csv is at most ${cap} bytes`);
    // Two bytes a character in UTF-8: half as many characters are over the cap.
    expect(problem(`${HEADER}\nu,A1,${'é'.repeat(cap / 2)}`)).toContain('at most');
    expect(problem(new Uint8Array(cap + 1))).toContain('at most');
  });

  it('never quotes a secret in its problem', () => {
    const read = parseCredentialsCsv(`${HEADER}\nu,,secret-value-1`);
    expect(read.ok).toBe(false);
    expect(JSON.stringify(read)).not.toContain('secret-value-1');
  });
});

describe('formatCredentialsCsv', () => {
  it('writes the header and a CRLF-ended row per key, quoting only where RFC 4180 needs it', () => {
    expect(formatCredentialsCsv([{ userName: 'alice', accessKey: 'AK1', secretKey: 'sk1' }])).toBe(`${HEADER}\r\nalice,AK1,sk1\r\n`);
    expect(formatCredentialsCsv([{ userName: 'a,b', accessKey: 'A"1', secretKey: ' s ' }])).toBe(`${HEADER}\r\n"a,b","A""1"," s "\r\n`);
    expect(formatCredentialsCsv([{ userName: 'line\nbreak', accessKey: 'cr\r', secretKey: 's' }])).toBe(`${HEADER}\r\n"line\nbreak","cr\r",s\r\n`);
    expect(formatCredentialsCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('round-trips through the reader, awkward fields included', () => {
    const keys = [
      { userName: 'plain', accessKey: 'AK1', secretKey: 'sk1' },
      { userName: 'a, "quoted"\nname', accessKey: 'AK2', secretKey: 'S!@#$%' },
    ];
    expect(ok(formatCredentialsCsv(keys))).toEqual(keys);
  });
});

import { type CsvCredential, parseCredentialsCsv } from '../protocol/credentials-csv.ts';

export type { CsvCredential };

/**
 * The AK/SK of a credentials.csv as the console downloads it (its text or bytes): the only row,
 * or the row of `user` when the file has several. Errors name the problem, never a key.
 */
export function readCredentialsCsv(content: string | Uint8Array, options: { user?: string } = {}): CsvCredential {
  const reading = parseCredentialsCsv(content);
  if (!reading.ok) throw new TypeError(`not a credentials.csv: ${reading.problem}`);
  const rows = options.user === undefined ? reading.credentials : reading.credentials.filter((c) => c.userName === options.user);
  if (rows.length === 0) throw new TypeError(`the credentials.csv has no key of user ${options.user}`);
  if (rows.length > 1)
    throw new TypeError(`the credentials.csv has ${rows.length} keys${options.user === undefined ? ': name the user' : ` of user ${options.user}: keep one`}`);
  return rows[0]!;
}

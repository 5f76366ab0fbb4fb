/**
 * The credentials.csv the Huawei Cloud console downloads when an access key is created: a header
 * `User Name,Access Key Id,Secret Access Key` and one row per key (the header is documented by
 * the console's download, as the issue quotes it). Inferred, and so tolerated when read: a UTF-8
 * BOM, CRLF or LF line ends, RFC 4180 quoting, blank lines, spaces around fields, the header's
 * case. Written as RFC 4180 (CRLF, quoted only where needed), no BOM.
 */
export const CREDENTIALS_CSV_HEADER = ['User Name', 'Access Key Id', 'Secret Access Key'] as const;

/** A credentials.csv is a few hundred bytes; anything much larger is not one. */
export const MAX_CREDENTIALS_CSV_BYTES = 64 * 1024;

export interface CsvCredential {
  userName: string;
  accessKey: string;
  secretKey: string;
}

export type CredentialsCsvReading = { ok: true; credentials: CsvCredential[] } | { ok: false; problem: string };

/** RFC 4180 records: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
function records(text: string): string[][] | undefined {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((r) => r.map((f) => f.trim())).filter((r) => r.some((f) => f !== ''));
}

const normalise = (name: string) => name.toLowerCase().replace(/\s+/g, ' ');

export function parseCredentialsCsv(input: string | Uint8Array): CredentialsCsvReading {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > MAX_CREDENTIALS_CSV_BYTES) return { ok: false, problem: `a credentials.csv is at most ${MAX_CREDENTIALS_CSV_BYTES} bytes` };
  const text = (typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)).replace(/^\uFEFF/, '');
  const rows = records(text);
  if (!rows) return { ok: false, problem: 'a quoted field is not closed' };
  const [header, ...body] = rows;
  if (!header) return { ok: false, problem: 'the file is empty' };
  const columns = CREDENTIALS_CSV_HEADER.map((name) => header.findIndex((h) => normalise(h) === normalise(name)));
  const missing = CREDENTIALS_CSV_HEADER.filter((_, i) => columns[i] === -1);
  if (missing.length > 0)
    return { ok: false, problem: `the header has no ${missing.map((m) => `"${m}"`).join(', ')} column (expected ${CREDENTIALS_CSV_HEADER.join(',')})` };
  const credentials: CsvCredential[] = [];
  for (const [index, row] of body.entries()) {
    const [userName, accessKey, secretKey] = columns.map((column) => row[column] ?? '');
    if (!accessKey || !secretKey) return { ok: false, problem: `row ${index + 2} has no access key id or no secret access key` };
    credentials.push({ userName: userName!, accessKey, secretKey });
  }
  if (credentials.length === 0) return { ok: false, problem: 'the file has a header but no key' };
  return { ok: true, credentials };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCredentialsCsv(credentials: readonly CsvCredential[]): string {
  const lines = [CREDENTIALS_CSV_HEADER.join(','), ...credentials.map((c) => [c.userName, c.accessKey, c.secretKey].map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

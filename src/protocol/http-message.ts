/**
 * The raw HTTP/1.1 request format of the signing vectors (`request.txt`, `signed-request.txt`):
 * a request line, header lines, a blank line, then the body bytes exactly. Lines may end in LF or
 * CRLF; a header line starting with space or tab continues the previous one (obs-fold), and is
 * joined to it with a single space, as RFC 9112 §5.2 tells a recipient to do.
 */
export interface HttpRequestMessage {
  method: string;
  target: string;
  /** Header lines in order, names as written. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export class HttpMessageError extends Error {
  override name = 'HttpMessageError';
}

function findHeaderEnd(raw: Buffer): { headEnd: number; bodyStart: number } {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    // The head ends before the line break that closes its last line, LF or CRLF.
    const headEnd = raw[i - 1] === 0x0d ? i - 1 : i;
    if (raw[i + 1] === 0x0a) return { headEnd, bodyStart: i + 2 };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { headEnd, bodyStart: i + 3 };
  }
  return { headEnd: raw.length, bodyStart: raw.length };
}

export function parseHttpRequest(raw: Buffer | string): HttpRequestMessage {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const { headEnd, bodyStart } = findHeaderEnd(bytes);
  const lines = bytes.subarray(0, headEnd).toString('utf8').split(/\r?\n/);
  const requestLine = /^([A-Za-z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!requestLine) throw new HttpMessageError(`not an HTTP/1.1 request line: "${lines[0] ?? ''}"`);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line)) {
      const last = headers.at(-1);
      if (!last) throw new HttpMessageError('a continuation line comes before any header');
      last[1] = `${last[1].replace(/[ \t]+$/, '')} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpMessageError(`not a header line: "${line}"`);
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return { method: requestLine[1]!, target: requestLine[2]!, headers, body: Buffer.from(bytes.subarray(bodyStart)) };
}

export function serializeHttpRequest(message: HttpRequestMessage): Buffer {
  const head = [`${message.method} ${message.target} HTTP/1.1`, ...message.headers.map(([n, v]) => `${n}: ${v}`)].join('\n');
  return Buffer.concat([Buffer.from(`${head}\n\n`, 'utf8'), message.body]);
}

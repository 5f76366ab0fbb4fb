import type { IncomingMessage } from 'node:http';
import { splitRequestTarget } from '../../protocol/index.ts';
import type { GatewayRequest } from '../http-model.ts';

const ASCII = /^[\x00-\x7f]*$/;

/** Node reads header values as latin1; the signature is over their UTF-8 text. */
function utf8Header(value: string): string {
  if (ASCII.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : value;
}

/**
 * Read at once only when small: `read()` joins the buffered chunks into one copy, which must stay
 * negligible next to the body budget.
 */
const ARRIVED_BODY_MAX_BYTES = 64 * 1024;

/**
 * A body already whole in the request's buffer, unread: taken synchronously, without an async
 * iterator. Whole means the parser has seen its end, or all Content-Length bytes are buffered (the
 * handler runs before the parser marks a body that came with its headers complete).
 */
function arrivedBody(req: IncomingMessage, declaredLength: number | undefined, maxBytes: number): Buffer[] | undefined {
  const buffered = req.readableLength;
  if (req.readableDidRead || req.destroyed || buffered > Math.min(maxBytes, ARRIVED_BODY_MAX_BYTES)) return undefined;
  if (!req.complete && buffered !== declaredLength) return undefined;
  const chunk = req.read() as Buffer | null;
  // Flowing, so that the stream still ends ('end', 'close') as if it had been read to its end.
  req.resume();
  return chunk === null ? [] : [chunk];
}

/** What Node would answer itself, were it let: the gateway answers it instead, in APIG's format. */
export function framingProblemOf(req: IncomingMessage): GatewayRequest['framingProblem'] {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined) return 'missing-host';
  const expect = req.headers.expect;
  if (expect !== undefined && expect.trim().toLowerCase() !== '100-continue') return 'unsupported-expect';
  return undefined;
}

export function toGatewayRequest(req: IncomingMessage): GatewayRequest {
  // Express rewrites req.url inside a mounted app; originalUrl keeps what the client sent.
  const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const { path, query } = splitRequestTarget(target);
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = utf8Header(req.rawHeaders[i + 1]!);
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  const contentLength = req.headers['content-length'];
  const declared = contentLength !== undefined && req.headers['transfer-encoding'] === undefined ? Number(contentLength) : undefined;
  const declaredLength = Number.isFinite(declared) ? declared : undefined;
  return {
    method: req.method ?? 'GET',
    target,
    path,
    query,
    headers,
    // Not destroyed when the gateway stops reading at the cap: the rest is drained before the answer (see below).
    body: {
      declaredLength,
      chunks: () => req.iterator({ destroyOnReturn: false }),
      arrived: (maxBytes) => arrivedBody(req, declaredLength, maxBytes),
    },
    remoteAddress: req.socket.remoteAddress,
    tls: (req.socket as { encrypted?: boolean }).encrypted === true,
    framingProblem: framingProblemOf(req),
  };
}

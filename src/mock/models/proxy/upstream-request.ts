import type { OutgoingHttpHeaders } from 'node:http';
import type { HeaderMap } from '../../../protocol/index.ts';
import { MODEL_WITHHELD_HEADERS, type ProxyOptions } from '../proxy-config.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the framing the proxy sets itself: never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
]);

const CREDENTIALS: ReadonlySet<string> = new Set(MODEL_WITHHELD_HEADERS);

/**
 * `{service URL}/<sub-path>` reaches the container at `/<sub-path>` (modelarts-services.md §3.2): the
 * bare address is `/`, the sub-path and query go on as sent (undocumented for the query; inferred).
 * A target URL with a path of its own puts it in front.
 */
export function upstreamPath(target: URL, subPath: string, query: string): string {
  const prefix = target.pathname.replace(/\/+$/, '');
  return `${prefix}${subPath === '' ? '/' : subPath}${query === '' ? '' : `?${query}`}`;
}

/** Node writes header values as latin1: the UTF-8 text the gateway read goes back as its bytes. */
const wireValue = (value: string) => (/^[\x00-\xff]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1'));

export interface Hop {
  remoteAddress?: string | undefined;
  /** The Host the client called. */
  host?: string | undefined;
  /** http or https, as the client called the gateway. */
  protocol: string;
}

/**
 * The headers the model receives: the client's, without hop-by-hop ones, without credentials
 * unless switched on, with the switched-on additions. Connection headers named in `Connection` go too.
 */
export function upstreamHeaders(headers: HeaderMap, options: ProxyOptions, target: URL, bodyBytes: number, hop: Hop): OutgoingHttpHeaders {
  const named = new Set(
    (headers.get('connection') ?? [])
      .flatMap((value) => value.split(','))
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, values] of headers) {
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    if (!options.forwardCredentialHeaders && CREDENTIALS.has(name)) continue;
    out[name] = values.length === 1 ? wireValue(values[0]!) : values.map(wireValue);
  }
  out['host'] = target.host;
  if (bodyBytes > 0 || headers.has('content-length') || headers.has('transfer-encoding')) out['content-length'] = String(bodyBytes);
  if (options.forwardedHeaders) {
    const prior = headers.get('x-forwarded-for')?.join(', ');
    if (hop.remoteAddress) out['x-forwarded-for'] = prior ? `${prior}, ${hop.remoteAddress}` : hop.remoteAddress;
    if (hop.host) out['x-forwarded-host'] = wireValue(hop.host);
    out['x-forwarded-proto'] = hop.protocol;
  }
  for (const [name, value] of Object.entries(options.extraHeaders)) out[name.toLowerCase()] = wireValue(value);
  return out;
}

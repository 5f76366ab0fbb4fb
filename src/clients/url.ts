/** The URL of one inference call: service URL, optional sub-path (gateway.md §6.1) and query. */

export type QueryValue = string | number | boolean;
export type QueryInput = Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>;

/**
 * RFC 3986 percent-encoding of everything but unreserved characters. A space is `%20`, never
 * `+`: how the gateway reads a raw `+` is undocumented (signing.md §7.1).
 */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function buildQuery(query: QueryInput): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(String(item))}`);
  }
  return pairs.join('&');
}

/**
 * `serviceUrl` + `/subPath` (one slash between; a trailing slash of the sub-path is kept, as SD
 * WebUI services need) + `?query`, appended to any query the service URL already has.
 */
export function inferenceUrl(serviceUrl: string, subPath?: string, query?: QueryInput): URL {
  const url = new URL(serviceUrl);
  if (subPath) url.pathname = `${url.pathname.replace(/\/+$/, '')}/${subPath.replace(/^\/+/, '')}`;
  const extra = query ? buildQuery(query) : '';
  if (extra) url.search = url.search ? `${url.search}&${extra}` : `?${extra}`;
  return url;
}

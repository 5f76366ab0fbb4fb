import { http, HttpResponse, type RequestHandler } from 'msw';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import type { GatewayRequest, GatewayResponse } from '../http-model.ts';

/** Reads an intercepted body chunk by chunk, stopping as soon as it passes `maxBytes`. */
async function readUpTo(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ chunks: Uint8Array[]; bytes: number }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (!body) return { chunks, bytes };
  const reader = body.getReader();
  try {
    while (bytes <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return { chunks, bytes };
}

/**
 * An intercepted request's body is in the caller's memory already; it is read up to just past the
 * gateway's cap (never further), and its length sent as Content-Length, as fetch on a socket would.
 */
export async function fromFetchRequest(request: Request, maxBodyBytes: number): Promise<GatewayRequest> {
  const url = new URL(request.url);
  const headers = new Map<string, string[]>();
  for (const [name, value] of request.headers) headers.set(name, [value]);
  if (!headers.has('host')) headers.set('host', [url.host]);
  const { chunks, bytes } = await readUpTo(request.body, maxBodyBytes);
  if (request.body && !headers.has('content-length') && !headers.has('transfer-encoding')) headers.set('content-length', [String(bytes)]);
  return {
    method: request.method,
    target: url.pathname + url.search,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    tls: url.protocol === 'https:',
    body: {
      declaredLength: bytes,
      async *chunks() {
        yield* chunks;
      },
    },
  };
}

/** A stream that makes (or awaits) each piece only when the reader asks for it, and ends the pieces when the reader cancels. */
function pulled(pieces: Iterable<string | Buffer> | AsyncIterable<string | Buffer>): ReadableStream<Uint8Array> {
  const iterator: Iterator<string | Buffer> | AsyncIterator<string | Buffer> =
    Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : new Uint8Array(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The IAM address of the msw handlers (modelarts-services.md §5.1): another host, the same paths. */
export const MSW_IAM_BASE_URL = 'http://iam.apig.mock';

/**
 * The same gateway as msw request handlers, for tests that intercept `fetch` instead of opening a
 * port. Requests to `baseUrl` (default the mock's canonical origin) are answered in-process; those
 * to `iamBaseUrl` (default http://iam.apig.mock) as at the IAM address, where every service takes
 * token and AK/SK.
 */
export function createGatewayHandlers(
  config: GatewayConfigOverrides | GatewayConfig | Gateway = {},
  options: { baseUrl?: string; iamBaseUrl?: string } = {},
): RequestHandler[] & { gateway: Gateway } {
  const gateway = config instanceof Gateway ? config : createGatewayCore(config);
  const baseUrl = (options.baseUrl ?? 'http://apig.mock').replace(/\/$/, '');
  const iamBaseUrl = (options.iamBaseUrl ?? MSW_IAM_BASE_URL).replace(/\/$/, '');
  gateway.servedHosts.add(new URL(baseUrl).hostname);
  gateway.servedHosts.add(new URL(iamBaseUrl).hostname);
  Object.assign(gateway.addresses, { firstBaseUrl: baseUrl, iamBaseUrl });
  // Intercepted https:// calls count as HTTPS served: simple authentication over http:// is then refused (behaviour.simpleAuthOverHttp).
  if (baseUrl.startsWith('https:')) gateway.httpsEndpoints.add({ url: baseUrl, certificateFile: undefined, fingerprint256: undefined, generated: false });
  const handlerFor = (base: string, address: 'iam' | undefined) =>
    http.all(`${base}/*`, async ({ request }) => {
      const gatewayRequest = await fromFetchRequest(request, gateway.config.limits.maxBodyBytes);
      if (address) gatewayRequest.address = address;
      return toFetchResponse(await gateway.handle(gatewayRequest, base));
    });
  return Object.assign([handlerFor(baseUrl, undefined), handlerFor(iamBaseUrl, 'iam')], { gateway });
}

function toFetchResponse(response: GatewayResponse): Response {
  if (response.destroyConnection) return HttpResponse.error();
  const headers = fetchHeaders(response.headers);
  if (response.bodyStream) return new HttpResponse(pulled(response.bodyStream()), { status: response.status, headers });
  return new HttpResponse(response.status === 204 || response.body.length === 0 ? null : response.body, { status: response.status, headers });
}

/** A header given as several lines (Set-Cookie) is appended once per line. */
function fetchHeaders(given: GatewayResponse['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(given)) {
    if (Array.isArray(value)) for (const line of value) headers.append(name, line);
    else headers.set(name, value);
  }
  return headers;
}

import { http, HttpResponse, type RequestHandler } from 'msw';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import type { GatewayRequest } from '../http-model.ts';

async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function fromFetchRequest(request: Request): GatewayRequest {
  const url = new URL(request.url);
  const headers = new Map<string, string[]>();
  for (const [name, value] of request.headers) headers.set(name, [value]);
  if (!headers.has('host')) headers.set('host', [url.host]);
  const contentLength = request.headers.get('content-length');
  return {
    method: request.method,
    target: url.pathname + url.search,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: { declaredLength: contentLength === null ? undefined : Number(contentLength), chunks: () => streamChunks(request.body) },
  };
}

/**
 * The same gateway as msw request handlers, for tests that intercept `fetch` instead of opening a
 * port. Requests to `baseUrl` (default the mock's canonical origin) are answered in-process.
 */
export function createGatewayHandlers(
  config: GatewayConfigOverrides | GatewayConfig | Gateway = {},
  options: { baseUrl?: string } = {},
): RequestHandler[] & { gateway: Gateway } {
  const gateway = config instanceof Gateway ? config : createGatewayCore(config);
  const baseUrl = (options.baseUrl ?? 'http://apig.mock').replace(/\/$/, '');
  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const response = await gateway.handle(fromFetchRequest(request), baseUrl);
    if (response.destroyConnection) return HttpResponse.error();
    return new HttpResponse(response.status === 204 || response.body.length === 0 ? null : response.body, { status: response.status, headers: response.headers });
  });
  return Object.assign([handler], { gateway });
}

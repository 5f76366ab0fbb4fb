import { ApigError, ConnectionError, IamError, RequestTimeoutError } from './errors.ts';

/** The platform `fetch`, or anything shaped like it (tests inject fakes). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** APIG's backend timeout for ModelArts predictions (gateway.md §6.5). */
export const DEFAULT_TIMEOUT_MS = 40_000;

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Origin and path: never the query or any user:password of the URL. */
const shownUrl = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
};

/**
 * One exchange, body included, within `timeoutMs`: a timeout becomes RequestTimeoutError, a
 * network failure (fetch's TypeError) ConnectionError; an abort by the caller's own signal is
 * passed on as it is.
 */
export async function fetchWithTimeout(fetch: Fetch, url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<ReceivedResponse> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    if (timeout.aborted && !signal?.aborted) throw new RequestTimeoutError(timeoutMs);
    if (error instanceof TypeError && error.cause !== undefined) throw new ConnectionError(shownUrl(url), error);
    throw error;
  }
}

/** Parsed JSON when the answer says it is JSON (and is), otherwise the text. */
export function parseBody(response: ReceivedResponse): unknown {
  const contentType = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(contentType) || response.text === '') return response.text;
  try {
    return JSON.parse(response.text);
  } catch {
    return response.text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

const MAX_UNSTRUCTURED_MESSAGE = 500;

/**
 * The typed error for a non-2xx answer: Keystone's `{"error":{…}}` → IamError; APIG's and
 * ModelArts' `error_code`/`error_msg` (or a model's `erno`/`msg`) → ApigError; anything else →
 * ApigError without a code. `mask` removes the caller's secrets from every string.
 */
export function errorFromResponse(response: ReceivedResponse, mask: (text: string) => string): ApigError | IamError {
  const body = parseBody({ ...response, headers: new Headers({ 'content-type': 'application/json' }) });
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  if (isRecord(body) && isRecord(body['error'])) {
    const error = body['error'];
    return new IamError({
      status: response.status,
      code: Number(error['code'] ?? response.status),
      title: mask(text(error['title']) ?? ''),
      errorMsg: mask(text(error['message']) ?? ''),
      requestId: headerRequestId,
    });
  }
  if (isRecord(body) && (text(body['error_code']) ?? text(body['erno'])) !== undefined) {
    return new ApigError({
      status: response.status,
      errorCode: mask((text(body['error_code']) ?? text(body['erno']))!),
      errorMsg: mask(text(body['error_msg']) ?? text(body['msg']) ?? ''),
      requestId: text(body['request_id']) ?? headerRequestId,
    });
  }
  return new ApigError({
    status: response.status,
    errorCode: undefined,
    errorMsg: mask(response.text.slice(0, MAX_UNSTRUCTURED_MESSAGE)),
    requestId: headerRequestId,
  });
}

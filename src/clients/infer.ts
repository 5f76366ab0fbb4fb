import { LIMITS } from '../protocol/limits.ts';
import type { Authenticator, AuthRequest } from './auth.ts';
import { encodeInput, type EncodedBody, type InferenceInput } from './body.ts';
import { ApigError, RequestTooLargeError } from './errors.ts';
import { DEFAULT_TIMEOUT_MS, errorFromResponse, type Fetch, fetchWithTimeout, parseBody, type ReceivedResponse } from './http.ts';
import { backoffMs, isRetryable, realSleep, type RetryOptions, type RetryPolicy, retryPolicy } from './retry.ts';
import { MaskedObject, maskSecrets } from './secrets.ts';
import { type ClientTlsOptions, clientFetch } from './tls.ts';
import { inferenceUrl, type QueryInput } from './url.ts';

export interface InferenceClientOptions {
  /** `https://<host>/v1/infers/<service id>` (gateway.md §6.1). */
  serviceUrl: string;
  auth: Authenticator;
  /** X-Stage (default RELEASE, gateway.md §3.7). */
  stage?: string | undefined;
  /** Per attempt, answer body included (default 40 s). */
  timeoutMs?: number | undefined;
  /** Bodies over this are refused before sending (default 12 MB, LIMITS.maxBodyBytes). */
  maxBodyBytes?: number | undefined;
  /** Off by default. `true` or options: retry 429 APIG.0308 and 502/503/504 with exponential backoff. */
  retry?: boolean | RetryOptions | undefined;
  fetch?: Fetch | undefined;
  /** Whom to trust over HTTPS (a mock's certificate, or none checked); not with `fetch`. */
  tls?: ClientTlsOptions | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export interface InferCallOptions {
  /** Appended to the service URL, e.g. `/predictions/poetry`. */
  path?: string | undefined;
  query?: QueryInput | undefined;
  /** Extra headers; sent, and signed when the authenticator signs. */
  headers?: Readonly<Record<string, string>> | undefined;
  stage?: string | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Default POST; a service's config.json may declare GET APIs too (modelarts-services.md §1.2). GET and HEAD send no body. */
  method?: string | undefined;
}

export interface InferenceResult {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else its text. */
  body: unknown;
  /** X-Request-Id of the answer. */
  requestId: string | undefined;
}

const DEFAULT_STAGE = 'RELEASE';

/** Calls one ModelArts real-time service behind APIG, with one authenticator. */
export class InferenceClient extends MaskedObject {
  readonly #serviceUrl: string;
  readonly #auth: Authenticator;
  readonly #stage: string;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #retry: RetryPolicy;
  readonly #fetch: Fetch;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: InferenceClientOptions) {
    super();
    this.#serviceUrl = new URL(options.serviceUrl).toString();
    this.#auth = options.auth;
    this.#stage = options.stage ?? DEFAULT_STAGE;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBodyBytes = options.maxBodyBytes ?? LIMITS.maxBodyBytes;
    this.#retry = retryPolicy(options.retry);
    this.#fetch = clientFetch(options);
    this.#sleep = options.sleep ?? realSleep;
  }

  /**
   * Sends `input` (POST unless `options.method`). Resolves with any 2xx answer; rejects with ApigError/IamError for any other,
   * RequestTooLargeError (nothing sent) for a body over the cap, RequestTimeoutError on timeout.
   * A credential the gateway refuses as stale (a token answered 401 APIG.0301/APIG.0307) is
   * dropped by its authenticator; when a fresh one can be had (a password login) the call is sent
   * once more with it, outside the retry budget; a second refusal is thrown.
   */
  async infer(input: InferenceInput, options: InferCallOptions = {}): Promise<InferenceResult> {
    const url = inferenceUrl(this.#serviceUrl, options.path, options.query);
    const body = encodeInput(input);
    const method = (options.method ?? 'POST').toUpperCase();
    if ((method === 'GET' || method === 'HEAD') && body.bytes.length > 0) throw new TypeError(`a ${method} request sends no body: give { empty: true }`);
    if (body.bytes.length > this.#maxBodyBytes) throw new RequestTooLargeError(body.bytes.length, this.#maxBodyBytes);
    let renewedCredentials = false;
    for (let retry = 0; ;) {
      const { request, response } = await this.#send(url, body, options);
      if (response.status >= 200 && response.status <= 299) {
        return { status: response.status, headers: response.headers, body: parseBody(response), requestId: response.headers.get('x-request-id') ?? undefined };
      }
      const error = errorFromResponse(response, (text) => this.#mask(text));
      // A refused stale credential (an expired token) is dropped; one attempt with a fresh one, not counted as a retry.
      if (error instanceof ApigError && this.#auth.refused?.(error, request) && !renewedCredentials) {
        renewedCredentials = true;
        options.signal?.throwIfAborted();
        continue;
      }
      if (retry >= this.#retry.retries || !isRetryable(error)) throw error;
      await this.#sleep(backoffMs(this.#retry, retry));
      retry++;
      options.signal?.throwIfAborted();
    }
  }

  /** One attempt: fresh headers and credentials (a new X-Sdk-Date, a fresh token) each time. */
  async #send(url: URL, body: EncodedBody, options: InferCallOptions): Promise<{ request: AuthRequest; response: ReceivedResponse }> {
    const headers = new Headers(options.headers);
    if (body.contentType) headers.set('Content-Type', body.contentType);
    headers.set('X-Stage', options.stage ?? this.#stage);
    const method = (options.method ?? 'POST').toUpperCase();
    const request: AuthRequest = { method, url, headers, body: body.bytes, unsignedPayload: body.unsignedPayload };
    await this.#auth.apply(request);
    const response = await fetchWithTimeout(
      this.#fetch,
      url.toString(),
      { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body.bytes },
      options.timeoutMs ?? this.#timeoutMs,
      options.signal,
    );
    return { request, response };
  }

  #mask(text: string): string {
    return maskSecrets(this.#auth.mask ? this.#auth.mask(text) : text, []);
  }

  protected describe(): Record<string, unknown> {
    const auth = this.#auth as Partial<MaskedObject> & Authenticator;
    return {
      serviceUrl: this.#serviceUrl,
      auth: typeof auth.toJSON === 'function' ? auth.toJSON() : { kind: auth.kind },
      stage: this.#stage,
      timeoutMs: this.#timeoutMs,
      maxBodyBytes: this.#maxBodyBytes,
      retry: this.#retry,
    };
  }
}

export type InferOptions = Omit<InferenceClientOptions, 'serviceUrl'> & InferCallOptions;

/** One call without keeping a client: `infer(url, { json: … }, { auth })`. */
export function infer(serviceUrl: string, input: InferenceInput, options: InferOptions): Promise<InferenceResult> {
  return new InferenceClient({ ...options, serviceUrl }).infer(input, options);
}

/**
 * Typed failures of the clients. Every message and property is masked by the caller's own
 * secrets before the error is built, so an error can be logged as it is.
 */

/** A non-2xx answer in APIG's shape `{"error_code","error_msg","request_id"}` (gateway.md §1.1), or ModelArts' (no request_id). */
export class ApigError extends Error {
  override name = 'ApigError';
  readonly status: number;
  /** e.g. `APIG.0301`, `ModelArts.0212`; undefined when the body was not an error object. */
  readonly errorCode: string | undefined;
  readonly errorMsg: string;
  /** The body's `request_id`, else the `X-Request-Id` response header. */
  readonly requestId: string | undefined;

  constructor(fields: { status: number; errorCode: string | undefined; errorMsg: string; requestId: string | undefined }) {
    super(
      `${fields.errorCode ?? `HTTP ${fields.status}`}: ${fields.errorMsg} (status ${fields.status}${fields.requestId ? `, request ${fields.requestId}` : ''})`,
    );
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
  }
}

/** An IAM (Keystone) failure `{"error":{"code","message","title"}}` (gateway.md §5.2), or an unusable IAM answer. */
export class IamError extends Error {
  override name = 'IamError';
  readonly status: number;
  readonly code: number;
  readonly title: string;
  readonly errorMsg: string;
  readonly requestId: string | undefined;

  constructor(fields: { status: number; code: number; title: string; errorMsg: string; requestId?: string | undefined }) {
    super(`IAM ${fields.code} ${fields.title}: ${fields.errorMsg}`);
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
  }
}

/** Refused before sending: the gateway would answer 413 APIG.0201 (gateway.md §4). */
export class RequestTooLargeError extends Error {
  override name = 'RequestTooLargeError';

  constructor(
    readonly bodyBytes: number,
    readonly limitBytes: number,
  ) {
    super(`the request body is ${bodyBytes} bytes, over the gateway's limit of ${limitBytes} bytes (it would answer 413 APIG.0201); nothing was sent`);
  }
}

/** No complete answer within the client's timeout (40 s by default, as APIG's backend timeout). */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

const CONNECTION_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed before an answer',
};

/** The code of a network failure: fetch's `TypeError: fetch failed` carries it in its cause (or the cause's errors). */
function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | undefined)?.cause;
  const code = cause?.code ?? cause?.errors?.find((e) => typeof e.code === 'string')?.code;
  return typeof code === 'string' ? code : undefined;
}

/** No answer at all: the connection could not be made, or broke before the answer came. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  /** e.g. `ECONNREFUSED`, `ENOTFOUND`; undefined when the platform gave none. */
  readonly code: string | undefined;

  /** `url` is shown without credentials or query. */
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    const code = networkCode(cause);
    const detail = code ? CONNECTION_CAUSES[code] : ((cause as { cause?: Error }).cause?.message ?? 'no answer');
    super(`cannot reach ${url}: ${[code, detail && code ? `(${detail})` : detail].filter(Boolean).join(' ')}`);
    this.code = code;
  }
}

export type ResponseError = ApigError | IamError;

import type { HeaderMap } from '../protocol/index.ts';

/** A request body the gateway can read once, chunk by chunk, without ever holding more than it allows. */
export interface RequestBody {
  /** The Content-Length header, if one was sent. */
  declaredLength: number | undefined;
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * The whole body without waiting, if it has already arrived (a small body usually comes in the
   * same packet as its headers) and is at most `maxBytes`; otherwise undefined, and `chunks()` reads it.
   */
  arrived?(maxBytes: number): Uint8Array[] | undefined;
}

/** One framework-free request, as both adapters hand it to the gateway. */
export interface GatewayRequest {
  method: string;
  /** Path and query exactly as on the wire. */
  target: string;
  path: string;
  query: string;
  headers: HeaderMap;
  body: RequestBody;
  remoteAddress?: string | undefined;
  /** The request came over TLS (HTTPS): simple authentication is judged by it (gateway.md §3.4). */
  tls?: boolean | undefined;
  /**
   * What the adapter found wrong with the framing that Node would otherwise answer itself: an
   * HTTP/1.1 request without Host, an Expect other than 100-continue. The gateway answers it in its own format.
   */
  framingProblem?: 'missing-host' | 'unsupported-expect' | undefined;
  /**
   * Which address of the mock the request came to: undefined, the first one (each service takes the
   * credentials of its own `auth`); 'iam', the IAM address (every service takes token and AK/SK,
   * modelarts-services.md §5.1: the second address of a service with app auth on).
   */
  address?: 'iam' | undefined;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
  /** Close the connection after answering (the rest of an over-cap body is never read). */
  closeConnection?: boolean;
  /** With closeConnection: the rest of the body is not even drained (it is arriving too slowly to wait for). */
  abandonBody?: boolean;
  /**
   * The body as pieces made on demand, in place of `body`, for answers too large to build at once
   * or arriving from a model: an adapter writes each piece only when the client has taken the one
   * before, and ends the iterator (`return()`) when the client goes away. A stream that throws ends
   * the answer by dropping the connection (its head is out already).
   */
  bodyStream?: () => Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
  /** Drop the connection without answering (an injected fault). */
  destroyConnection?: boolean;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GatewayResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

import type { HeaderMap } from '../../protocol/index.ts';
import type { Service } from '../config/schema.ts';
import type { GatewayResponse } from '../http-model.ts';
import type { ServiceApi } from '../model-config/service-api.ts';

/** What the gateway hands a mock model once the request has passed APIG and the dispatcher. */
export interface ModelRequest {
  method: string;
  /** The part of the path after `/v1/infers/{service id}`, '' or starting with '/'. */
  subPath: string;
  /** The raw query string, without '?'. */
  query: string;
  headers: HeaderMap;
  /** The client's address, when the adapter knows it (a proxy may pass it on as X-Forwarded-For). */
  remoteAddress?: string | undefined;
  /** The client called the gateway over HTTPS (a proxy passes it on as X-Forwarded-Proto). */
  tls?: boolean | undefined;
  /** The whole body (already capped at the gateway's limit). */
  body: Buffer;
  /** Hex SHA-256 of `body`, computed once by the gateway (it journals it too). */
  bodySha256: string;
  service: Service;
  /** The declared API the dispatcher routed the request to (undefined when warn mode let an undeclared one through). */
  api?: ServiceApi | undefined;
  /** Aborted when the gateway gives up (backend timeout): a model must stop and settle promptly. */
  signal: AbortSignal;
  /** The world seed, so generated answers repeat from run to run. */
  seed: number;
}

export type Model = (request: ModelRequest) => Promise<GatewayResponse>;

import type { ErrorKey } from '../catalogue.ts';
import type { GatewayRequest } from '../http-model.ts';
import type { JournalVerdict } from '../state/journal.ts';
import type { AuthOutcome, Refusal, Route } from '../pipeline/types.ts';
import { newRequestId } from '../request-id.ts';
import type { ServiceApi } from '../model-config/service-api.ts';

/** How an exchange was decided, once it is. */
export interface Decision {
  verdict: JournalVerdict;
  /** The step that decided. */
  step: string;
  rule?: ErrorKey | undefined;
  errorCode?: string | undefined;
  detail?: string | undefined;
  reason?: string | undefined;
}

/** What a request accumulates as it walks the steps; the journal entry is made from it at the end. */
export class ExchangeContext {
  readonly requestId = newRequestId();
  readonly started = performance.now();
  /** The gateway clock when the request came in, epoch ms. */
  readonly receivedAt: number;
  route: Route | undefined;
  /** The declared API the dispatcher routed the request to. */
  api: ServiceApi | undefined;
  /** The body, once read whole. */
  body: { chunks: Buffer[]; bytes: number } | undefined;
  /** Bytes read of the body, whole or not. */
  bodyBytes = 0;
  auth: AuthOutcome | undefined;
  /** Which credential the exchange used, when no authenticator said (IAM's password login). */
  authLabel: string | undefined;
  /** What the model was handed. */
  forwarded: { subPath: string; query: string; bodySha256: string } | undefined;
  upstreamMs: number | undefined;
  /** Calls left in this API's throttle window once this one was counted. */
  rateRemaining: number | undefined;
  /** Rules broken but let through (warn mode). */
  readonly violations: Array<{ rule: string; detail: string }> = [];
  /** A refusal that warn mode let through, or the one that ended the exchange. */
  refusal: Refusal | undefined;
  decision: Decision | undefined;

  constructor(
    readonly request: GatewayRequest,
    receivedAt: number,
  ) {
    this.receivedAt = receivedAt;
  }
}

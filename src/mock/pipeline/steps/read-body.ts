import type { ExchangeContext } from '../../exchange/context.ts';
import { NEXT, refuse, type Step, type StepOutcome } from '../../exchange/step.ts';
import { type MockState, SMALL_BODY_BYTES } from '../../state/mock-state.ts';
import type { BodyBudget, BodyHolder } from '../../state/body-budget.ts';
import { bodyHolderOf } from '../credible.ts';
import { readCappedBody } from '../read-body.ts';

export interface BodyReading {
  maxBytes: number;
  budget: BodyBudget;
  /** Whose body it is, asked only if it has not already arrived with the headers. */
  holder: () => BodyHolder;
  /** The body, in words, for the refusal's detail. */
  what: string;
}

/** Reads the body within its cap, the read timeouts and its budget. */
export async function readBodyInto(context: ExchangeContext, state: MockState, reading: BodyReading): Promise<StepOutcome> {
  const { limits } = state.config;
  const { maxBytes, budget, holder, what } = reading;
  const body = await readCappedBody(context.request.body, {
    maxBytes,
    readTimeoutMs: limits.bodyReadTimeoutMs,
    minBytesPerSecond: limits.minBodyBytesPerSecond,
    openAccount: () => budget.open(holder()),
  });
  context.bodyBytes = body.ok ? body.bytes : body.bytesRead;
  if (body.ok) {
    context.body = body;
    return NEXT;
  }
  // The client stopped sending mid-body (truncated, reset, timed out): its fault, not an internal error.
  if ('aborted' in body) return refuse({ rule: 'request.bad', detail: 'the request body ended early: the client aborted or sent a malformed body' }, 'close');
  if ('busy' in body) return refuse({ rule: 'request.busy', detail: `${what} cannot be buffered now: too many bodies already wait for room` }, 'close');
  if ('timedOut' in body) {
    return refuse(
      {
        rule: 'request.timeout',
        detail: `${what} brought less than ${limits.minBodyBytesPerSecond} bytes/s (or nothing) in ${limits.bodyReadTimeoutMs} ms (${body.bytesRead} bytes read)`,
      },
      'abandon',
    );
  }
  return refuse({ rule: 'request.body-too-large', detail: `${what} is over the cap (${maxBytes} bytes)` }, 'close');
}

/** The body, up to 12 MB: a declared Content-Length over the cap is refused unread (gateway.md §4). */
export const readBodyStep: Step = {
  name: 'body',
  waivable: false,
  run(context, state) {
    const route = context.route!;
    const { world, clock, config } = state;
    const holder = () => bodyHolderOf(route, context.request, { world, now: clock.now(), maxClockSkewMs: config.limits.maxClockSkewMs });
    const declared = context.request.body.declaredLength;
    const budget = declared !== undefined && declared <= SMALL_BODY_BYTES ? state.smallBodyBudget : state.bodyBudget;
    return readBodyInto(context, state, { maxBytes: config.limits.maxBodyBytes, budget, holder, what: 'the body' });
  },
};

import { headerValue } from '../../protocol/index.ts';
import type { GatewayRequest, GatewayResponse } from '../http-model.ts';
import type { MockState } from '../state/mock-state.ts';
import { ExchangeContext } from './context.ts';
import { journalEntryOf } from './journal-entry.ts';
import { refusalResponse } from './refusal-response.ts';
import type { Step, StepOutcome } from './step.ts';

/** What a step that threw becomes: APIG's last-resort 500, never a crash or a framework's page. */
function internalError(error: unknown): StepOutcome {
  const detail = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  return { kind: 'refuse', refusal: { rule: 'gateway.internal', detail } };
}

/** Runs `steps` in order until one refuses or responds; warn mode waives what it may, here and only here. */
async function decide(context: ExchangeContext, steps: readonly Step[], state: MockState): Promise<GatewayResponse> {
  const warn = state.config.behaviour.mode === 'warn';
  for (const step of steps) {
    let outcome: StepOutcome;
    try {
      const pending = step.run(context, state);
      // Most steps answer at once: awaiting them anyway would cost a microtask each.
      outcome = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      outcome = internalError(error);
    }
    if (outcome.kind === 'next') continue;
    if (outcome.kind === 'respond') {
      const verdict = outcome.verdict === 'accepted' && context.violations.length > 0 ? 'warned' : outcome.verdict;
      context.decision = { verdict, step: step.name, detail: outcome.detail };
      return outcome.response;
    }
    const { refusal } = outcome;
    if (warn && step.waivable) {
      context.violations.push({ rule: refusal.rule, detail: refusal.detail });
      continue;
    }
    context.refusal = refusal;
    const { response, errorCode } = refusalResponse(refusal, context.requestId, state);
    const verdict = refusal.verdict;
    context.decision = {
      verdict: 'rejected',
      step: step.name,
      rule: refusal.rule,
      errorCode,
      detail: refusal.detail,
      reason: verdict && !verdict.accepted ? verdict.reason : undefined,
    };
    if (outcome.connection === 'abandon') return { ...response, closeConnection: true, abandonBody: true };
    return outcome.connection === 'close' ? { ...response, closeConnection: true } : response;
  }
  throw new Error(`no step answered: the last step of a list must respond`);
}

/** The headers APIG adds to every answer: X-Request-Id, Server, and the X-Apig-* debug headers on request. */
function decorate(context: ExchangeContext, response: GatewayResponse, state: MockState): GatewayResponse {
  const headers: Record<string, string> = { ...response.headers, 'X-Request-Id': context.requestId, Server: 'api-gateway' };
  if (headerValue(context.request.headers, 'x-apig-mode')?.trim().toLowerCase() === 'debug') {
    headers['X-Apig-Latency'] = String(Math.round(performance.now() - context.started));
    if (context.upstreamMs !== undefined) headers['X-Apig-Upstream-Latency'] = String(Math.round(context.upstreamMs));
    const limit = state.config.limits.apiRateLimitPerSecond;
    if (limit > 0) {
      const serviceId = context.route?.service.id;
      const remain = context.rateRemaining ?? (serviceId === undefined ? limit : state.throttle.remaining(serviceId, context.receivedAt));
      headers['X-Apig-RateLimit-api-allenv'] = `remain:${remain},limit:${limit},time:1 second`;
    }
  }
  return { ...response, headers };
}

/**
 * One exchange from request to answer: the steps decide, the answer is decorated, and the
 * lifecycle events go out (start, verdict, end with the journal entry, which the journal records).
 */
export async function runExchange(request: GatewayRequest, steps: readonly Step[], state: MockState): Promise<GatewayResponse> {
  const context = new ExchangeContext(request, state.clock.now());
  const { events } = state;
  if (events.has('exchange:start')) events.emit('exchange:start', { requestId: context.requestId, request });
  let decided: GatewayResponse;
  try {
    decided = await decide(context, steps, state);
  } catch (error) {
    const { refusal } = internalError(error) as Extract<StepOutcome, { kind: 'refuse' }>;
    const { response, errorCode } = refusalResponse(refusal, context.requestId, state);
    context.decision = { verdict: 'rejected', step: 'gateway', rule: refusal.rule, errorCode, detail: refusal.detail };
    decided = response;
  }
  const decision = context.decision!;
  if (events.has('exchange:verdict'))
    events.emit('exchange:verdict', { requestId: context.requestId, verdict: decision.verdict, step: decision.step, rule: decision.rule });
  const response = decorate(context, decided, state);
  events.emit('exchange:end', { requestId: context.requestId, entry: journalEntryOf(context, response, state), response });
  return response;
}

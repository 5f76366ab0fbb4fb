import type { GatewayResponse } from '../http-model.ts';
import type { Refusal } from '../pipeline/types.ts';
import { redactCanonicalRequest } from '../redaction.ts';
import type { MockState } from '../state/mock-state.ts';
import { truncateText } from '../bounds/truncate.ts';

/**
 * A refusal as the gateway answers it: the catalogue entry's status and body (ModelArts errors
 * carry no request_id), with `apig_kit_explain` when explain mode is on, cut to the echo cap.
 */
export function refusalResponse(refusal: Refusal, requestId: string, state: MockState): { response: GatewayResponse; errorCode: string } {
  const { catalogue, config, world } = state;
  // What an error repeats from the request (a key, a canonical request, a date) never carries a secret back.
  const scrub = (text: string) => world.scrubSecrets(text);
  // The values the message repeats are scrubbed, not the catalogue's own words (a secret may be a common word).
  const params =
    refusal.params && Object.fromEntries(Object.entries(refusal.params).map(([name, value]) => [name, typeof value === 'string' ? scrub(value) : value]));
  const rendered = catalogue.render(refusal.rule, requestId, params);
  const message = rendered.body.error_msg;
  const modelArts = rendered.body.error_code.startsWith('ModelArts.');
  const body: Record<string, unknown> = modelArts ? { error_code: rendered.body.error_code, error_msg: message } : { ...rendered.body, error_msg: message };
  if (config.behaviour.explain) {
    const max = config.behaviour.maxEchoBytes;
    const computed = refusal.verdict?.computed;
    body['apig_kit_explain'] = {
      rule: refusal.rule,
      basis: catalogue.entry(refusal.rule).basis,
      detail: truncateText(scrub(refusal.detail), max),
      ...(computed
        ? { canonicalRequest: truncateText(scrub(redactCanonicalRequest(computed.canonicalRequest)), max), stringToSign: scrub(computed.stringToSign) }
        : {}),
    };
  }
  return {
    response: { status: refusal.status ?? rendered.status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    errorCode: rendered.body.error_code,
  };
}

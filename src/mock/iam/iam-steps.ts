import { respond, type Step } from '../exchange/step.ts';
import { readBodyInto } from '../pipeline/steps/read-body.ts';
import { framingStep } from '../pipeline/steps/framing.ts';
import { jsonShapeTrouble } from '../pipeline/steps/json-shape.ts';
import { requestSizeStep } from '../pipeline/steps/request-size.ts';
import { handleIamTokens } from './iam-api.ts';
import { KEYSTONE_ERRORS, keystoneError } from './keystone-errors.ts';

import { IAM_TOKENS_PATH } from '../../protocol/index.ts';

/**
 * The IAM request body, with IAM's own small cap (a password login is under 1 KB) and its own
 * budget: uploads to the gateway cannot shut logins out.
 */
const iamBodyStep: Step = {
  name: 'iam-body',
  waivable: false,
  run(context, state) {
    context.authLabel = 'iam-password';
    return readBodyInto(context, state, {
      maxBytes: state.config.limits.maxIamBodyBytes,
      budget: state.iamBodyBudget,
      holder: () => 'anonymous',
      what: 'the IAM request body',
    });
  },
};

/** POST issues a token by password, GET and HEAD validate one (gateway.md §5); answers in Keystone's shape. */
const iamTokensStep: Step = {
  name: 'iam-tokens',
  waivable: false,
  run(context, { world, clock, config }) {
    const { request } = context;
    const body = context.body!;
    const trouble = jsonShapeTrouble(body.chunks, config.limits);
    if (trouble) return respond(keystoneError(KEYSTONE_ERRORS.bodyInvalid), 'rejected', `IAM ${request.method} ${IAM_TOKENS_PATH}: the JSON body ${trouble}`);
    const response = handleIamTokens(
      { method: request.method, query: request.query, headers: request.headers, body: body.chunks.length === 1 ? body.chunks[0]! : Buffer.concat(body.chunks) },
      { world, now: clock.now(), tokenLifetimeMs: config.limits.tokenLifetimeMs, signingKey: config.world.tokenSigningKey },
    );
    return respond(response, response.status < 300 ? 'accepted' : 'rejected', `IAM ${request.method} ${IAM_TOKENS_PATH} → ${response.status}`);
  },
};

/** IAM beside the gateway, over the same state: sizes and framing as APIG checks them, then IAM's own steps. */
export const IAM_STEPS: readonly Step[] = [requestSizeStep, framingStep, iamBodyStep, iamTokensStep];

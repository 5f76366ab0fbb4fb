import { NEXT, refuse, type Step } from '../../exchange/step.ts';

/** The API's default limit of calls per second (APIG.0308). */
export const throttleStep: Step = {
  name: 'throttle',
  waivable: true,
  run(context, { throttle, clock }) {
    const admission = throttle.admit(context.route!.service.id, clock.now());
    context.rateRemaining = admission.remaining;
    if (admission.admitted) return NEXT;
    return refuse({ rule: 'throttle.api', params: { limit: throttle.limit }, detail: `more than ${throttle.limit} calls in one second` });
  },
};

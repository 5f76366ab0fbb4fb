import { NEXT, refuse, type Step } from '../../exchange/step.ts';

/** What Node would have answered itself: an HTTP/1.1 request without Host, an Expect it cannot meet. */
export const framingStep: Step = {
  name: 'framing',
  waivable: false,
  run({ request }) {
    if (request.framingProblem === 'missing-host') return refuse({ rule: 'request.bad', detail: 'an HTTP/1.1 request must carry a Host header' });
    if (request.framingProblem === 'unsupported-expect')
      return refuse({ rule: 'request.expectation-failed', detail: 'the only Expect the gateway meets is 100-continue' });
    return NEXT;
  },
};

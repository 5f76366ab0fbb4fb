import { NEXT, refuse, type Step } from '../../exchange/step.ts';
import { checkDispatcher } from '../dispatcher.ts';

/** ModelArts behind APIG: token scope and owner, service state, method (gateway.md §6.4, §6.6). */
export const dispatcherStep: Step = {
  name: 'dispatcher',
  waivable: true,
  run(context, { world, config }) {
    const refusal = checkDispatcher(
      context.route!.service,
      context.request.method,
      context.auth?.principal,
      world,
      config.behaviour.methodNotAllowed === '405',
    );
    return refusal ? refuse(refusal) : NEXT;
  },
};

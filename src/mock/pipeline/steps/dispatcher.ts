import { NEXT, refuse, type Step } from '../../exchange/step.ts';
import { routeApi } from '../api-route.ts';
import { checkDispatcher } from '../dispatcher.ts';

/** ModelArts behind APIG: token scope and owner, service state, then the declared API (gateway.md §6.4, §6.6; modelarts-services.md §4.4). */
export const dispatcherStep: Step = {
  name: 'dispatcher',
  waivable: true,
  run(context, { world, config }) {
    const route = context.route!;
    const refusal = checkDispatcher(route.service, context.auth?.principal, world);
    if (refusal) return refuse(refusal);
    const routed = routeApi(route, context.request.method, config.behaviour.methodNotAllowed);
    if (routed && 'refusal' in routed) return refuse(routed.refusal);
    context.api = routed?.api;
    return NEXT;
  },
};

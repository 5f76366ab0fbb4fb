import { headerValue } from '../../../protocol/index.ts';
import { NEXT, refuse, type Step } from '../../exchange/step.ts';
import { methodUndeclared } from '../api-route.ts';
import { matchRoute } from '../route.ts';

/** Path, service and X-Stage → APIG.0101 when nothing is published there (gateway.md §3.7). */
export const routeStep: Step = {
  name: 'route',
  waivable: false,
  run(context, { world, config }) {
    const { request } = context;
    const route = matchRoute(request, world);
    if (!route)
      return refuse({
        rule: 'route.not-found',
        detail: `no published API matches ${request.path} in stage ${headerValue(request.headers, 'x-stage') ?? 'RELEASE'}`,
      });
    context.route = route;
    if (config.behaviour.methodNotAllowed === 'apig-0101' && methodUndeclared(route, request.method)) {
      return refuse({ rule: 'route.method-not-found', detail: `the API is not registered for ${request.method}` });
    }
    return NEXT;
  },
};

import { NEXT, refuse, respond, type Step } from '../../exchange/step.ts';
import { corsPreflight } from '../cors.ts';
import { matchRoute } from '../route.ts';

/**
 * OPTIONS on a published API (gateway.md §1.4): with the service's CORS on, APIG's preflight answer,
 * before any authentication (the preflight API has auth None); without it, 404 APIG.0101, which the
 * error table lists for "OPTIONS cross-origin request without CORS" [D S14]. An OPTIONS that matches
 * no API is the route step's ordinary APIG.0101.
 */
export const preflightStep: Step = {
  name: 'preflight',
  waivable: false,
  run(context, { world }) {
    if (context.request.method !== 'OPTIONS') return NEXT;
    const route = matchRoute(context.request, world);
    if (!route) return NEXT;
    context.route = route;
    if (!route.service.cors) return refuse({ rule: 'route.not-found', detail: `OPTIONS on ${context.request.path}: the API has no CORS` });
    return respond(corsPreflight(), 'accepted', `CORS preflight for ${context.request.path}`);
  },
};

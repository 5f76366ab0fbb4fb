import type { Service } from '../../config/schema.ts';
import { NEXT, refuse, type Step } from '../../exchange/step.ts';
import type { Principal, Refusal } from '../types.ts';

/** APIG authorisation: an app must be bound to the service's API (APIG.0304, gateway.md §3.3). */
export function checkAppBinding(service: Service, principal: Principal | undefined): Refusal | undefined {
  if (principal?.kind !== 'app' || service.boundApps.includes(principal.app.name)) return undefined;
  return { rule: 'app.not-authorized', detail: `app ${principal.app.name} is not bound to service ${service.name}` };
}

export const authoriseStep: Step = {
  name: 'authorise',
  waivable: true,
  run(context) {
    const unbound = checkAppBinding(context.route!.service, context.auth?.principal);
    return unbound ? refuse(unbound) : NEXT;
  },
};

import type { Service } from '../config/schema.ts';
import type { WorldIndex } from '../state/world-index.ts';
import type { Principal, Refusal } from './types.ts';

/**
 * The ModelArts dispatcher behind APIG (gateway.md §6.4, §6.6): token scope and owner, service
 * state; the API is routed after it (api-route.ts). Runs after APIG has authenticated, authorised and throttled.
 */
export function checkDispatcher(service: Service, principal: Principal | undefined, world: WorldIndex): Refusal | undefined {
  const owner = world.accountByName(service.account);
  if (principal?.kind === 'token') {
    const { claims } = principal;
    if (claims.scope.kind === 'domain')
      return { rule: 'modelarts.domain-token', detail: 'a domain-scoped token was sent; ModelArts needs a project-scoped one' };
    if (claims.domainId !== owner?.id)
      return { rule: 'modelarts.foreign-token', detail: `the token belongs to account ${claims.domainName}, the service to ${service.account}` };
    if (claims.scope.projectName !== service.project) {
      return { rule: 'modelarts.token-region', detail: `the token is scoped to project ${claims.scope.projectName}, the service runs in ${service.project}` };
    }
  }
  if (principal?.kind === 'aksk' && principal.key.account.name !== service.account) {
    return {
      rule: 'modelarts.foreign-aksk',
      detail: `AK ${principal.key.accessKey} belongs to account ${principal.key.account.name}, the service to ${service.account}`,
    };
  }
  if (service.state === 'deleted')
    return { rule: 'modelarts.service-unavailable', params: { serviceId: service.id }, detail: `service ${service.name} is deleted` };
  if (service.state === 'stopped') return { rule: 'modelarts.service-stopped', detail: `service ${service.name} is stopped` };
  return undefined;
}

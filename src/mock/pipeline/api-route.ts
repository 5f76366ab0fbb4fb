import type { Behaviour } from '../config/schema.ts';
import { matchApi, type ServiceApi } from '../model-config/service-api.ts';
import { serviceApis } from '../services/service-apis.ts';
import type { Refusal, Route } from './types.ts';

/**
 * The dispatcher's routing (modelarts-services.md §0.2, §4.2 #1–2): the declared API for the
 * request's (sub-path, method), or why there is none. A path nothing declares is 404 ModelArts.4204;
 * a method a declared path does not take follows behaviour.methodNotAllowed (APIG.0101 is answered
 * by the route step, before authentication, as APIG would).
 */
export function routeApi(route: Route, method: string, rule: Behaviour['methodNotAllowed']): { api: ServiceApi } | { refusal: Refusal } | undefined {
  const match = matchApi(serviceApis(route.service).apis, route.subPath, method);
  const api = route.subPath || '/';
  if (match.kind === 'api') return { api: match.api };
  if (match.kind === 'no-api')
    return { refusal: { rule: 'modelarts.api-not-found', params: { api }, detail: `service ${route.service.name} declares no API at ${api}` } };
  const detail = `${api} takes ${match.allowed.join(', ')}, not ${method}`;
  if (rule === 'modelarts-4204') return { refusal: { rule: 'modelarts.api-method-not-found', params: { api }, detail } };
  if (rule === '405') return { refusal: { rule: 'modelarts.method-not-allowed', detail } };
  return undefined;
}

/** Whether the path is declared but not for this method: APIG's own 404 under methodNotAllowed "apig-0101". */
export function methodUndeclared(route: Route, method: string): boolean {
  return matchApi(serviceApis(route.service).apis, route.subPath, method).kind === 'method';
}

import { handleAdmin } from './admin/admin-api.ts';
import { adminRefusal } from './admin/admin-guard.ts';
import { runExchange } from './exchange/run-exchange.ts';
import { type GatewayRequest, type GatewayResponse, jsonResponse } from './http-model.ts';
import { IAM_TOKENS_PATH } from '../protocol/index.ts';
import { IAM_STEPS } from './iam/iam-steps.ts';
import { GATEWAY_STEPS } from './pipeline/steps/index.ts';
import type { MockState } from './state/mock-state.ts';

export const ADMIN_PREFIX = '/_apig-kit';

const isAdminPath = (path: string) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

/**
 * Which sibling answers: the admin API (the mock's control plane, when on), IAM, or the gateway.
 * `baseUrl` is how the client reached the mock; the admin API prints service URLs with it.
 */
export async function routeRequest(state: MockState, request: GatewayRequest, baseUrl: string): Promise<GatewayResponse> {
  if (state.config.admin.enabled && isAdminPath(request.path)) {
    const refused = adminRefusal(request, { config: state.config.admin, servedHosts: state.servedHosts, ownOrigin: baseUrl });
    if (refused) return jsonResponse(refused.status, { error: refused.message });
    try {
      return await handleAdmin(state, request, baseUrl);
    } catch (error) {
      return jsonResponse(400, { error: error instanceof Error ? error.message : 'bad admin request' });
    }
  }
  return runExchange(request, request.path === IAM_TOKENS_PATH ? IAM_STEPS : GATEWAY_STEPS, state);
}

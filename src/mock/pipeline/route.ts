import { headerValue } from '../../protocol/index.ts';
import type { GatewayRequest } from '../http-model.ts';
import type { WorldIndex } from '../state/world-index.ts';
import type { Route } from './types.ts';

const INFER_PATH = /^\/v1\/infers\/([^/]+)(\/.*)?$/;

/**
 * `/v1/infers/{service id}[/sub-path]` in the stage named by X-Stage (default RELEASE). Anything
 * else is APIG.0101 (gateway.md §3.7, §6.1). A deleted service keeps its route: the dispatcher
 * answers ModelArts.4203 for it.
 */
export function matchRoute(request: GatewayRequest, world: WorldIndex): Route | undefined {
  const match = INFER_PATH.exec(request.path);
  if (!match) return undefined;
  const service = world.service(match[1]!);
  if (!service) return undefined;
  const stage = (headerValue(request.headers, 'x-stage') ?? 'RELEASE').trim();
  if (!service.stages.includes(stage)) return undefined;
  return { service, subPath: match[2] ?? '', stage, auth: request.address === 'iam' ? 'iam' : service.auth };
}

import { hash } from 'node:crypto';
import { refuse, respond, type Step } from '../../exchange/step.ts';
import { modelFor } from '../../models/index.ts';
import { isProxyModel } from '../../models/proxy-config.ts';
import { callBackend } from '../backend.ts';
import { withCorsOrigin } from '../cors.ts';

/** The model behind the service, within the backend timeout and with any injected fault. */
export const modelStep: Step = {
  name: 'model',
  waivable: false,
  async run(context, { config, faults, proxies }) {
    const { request } = context;
    const route = context.route!;
    const body = context.body!;
    const { limits, behaviour } = config;
    const forwardedBody = body.chunks.length === 1 ? body.chunks[0]! : Buffer.concat(body.chunks);
    // An AK/SK or app signature over the body has hashed it already.
    const verified = context.auth?.verdict?.accepted ? context.auth.verdict.bodyDigest : undefined;
    const bodySha256 = verified?.digest === 'sha256' ? verified.hex : hash('sha256', forwardedBody, 'hex');
    context.forwarded = { subPath: route.subPath, query: request.query, bodySha256 };
    const { service } = route;
    // A proxied model holds connections and a health probe: the state keeps one per service.
    const model = isProxyModel(service.model) ? proxies.modelFor(service) : modelFor(service);
    const result = await callBackend(
      model,
      {
        method: request.method,
        subPath: route.subPath,
        query: request.query,
        headers: request.headers,
        remoteAddress: request.remoteAddress,
        tls: request.tls,
        body: forwardedBody,
        bodySha256,
        service: route.service,
        api: context.api,
        seed: config.world.seed,
      },
      limits.backendTimeoutMs,
      faults.draw(route.service.id),
      behaviour.backendTimeoutError,
    );
    if (result.kind === 'timeout') {
      return refuse({
        rule: behaviour.backendTimeoutError === 'modelarts' ? 'modelarts.timeout' : 'backend.timeout',
        detail: `the model took longer than ${limits.backendTimeoutMs} ms`,
      });
    }
    if (result.kind === 'failed') {
      context.upstreamMs = result.upstreamMs;
      return refuse({ rule: result.rule, status: result.status, detail: result.detail });
    }
    if (result.kind === 'unavailable') return refuse({ rule: 'backend.unavailable', detail: `the model failed: ${result.detail}` });
    if (result.kind === 'reset') return respond({ status: 0, headers: {}, body: '', destroyConnection: true }, 'rejected', 'injected fault: connection reset');
    context.upstreamMs = result.upstreamMs;
    return respond(withCorsOrigin(result.response, route.service, request), 'accepted');
  },
};

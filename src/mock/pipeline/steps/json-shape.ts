import { headerValue } from '../../../protocol/index.ts';
import { jsonShapeProblem } from '../../bounds/json-shape.ts';
import type { GatewayLimits } from '../../config/schema.ts';
import { NEXT, refuse, type Step } from '../../exchange/step.ts';
import { isJsonContentType } from '../../models/json-body.ts';

/** JSON too costly to parse, in words; checked before anything parses it. */
export function jsonShapeTrouble(chunks: readonly Buffer[], limits: GatewayLimits): string | undefined {
  const problem = jsonShapeProblem(chunks, { maxDepth: limits.maxJsonDepth, maxContainers: limits.maxJsonContainers });
  if (problem === 'too-deep') return `nests deeper than ${limits.maxJsonDepth} levels`;
  if (problem === 'too-many-containers') return `has more than ${limits.maxJsonContainers} arrays and objects`;
  return undefined;
}

/** A JSON body nested too deep or made of too many arrays and objects: ModelArts.4105 (modelarts.json-too-complex), never waived (it could take the process down). */
export const jsonShapeStep: Step = {
  name: 'json-shape',
  waivable: false,
  run(context, { config }) {
    const body = context.body!;
    if (body.bytes === 0 || !isJsonContentType(headerValue(context.request.headers, 'content-type'))) return NEXT;
    const trouble = jsonShapeTrouble(body.chunks, config.limits);
    return trouble ? refuse({ rule: 'modelarts.json-too-complex', detail: `the JSON body ${trouble}` }) : NEXT;
  },
};

import type { Step } from '../../exchange/step.ts';
import { authenticateStep } from './authenticate.ts';
import { authoriseStep } from './authorise.ts';
import { dispatcherStep } from './dispatcher.ts';
import { framingStep } from './framing.ts';
import { jsonShapeStep } from './json-shape.ts';
import { modelStep } from './model.ts';
import { preflightStep } from './preflight.ts';
import { readBodyStep } from './read-body.ts';
import { requestSizeStep } from './request-size.ts';
import { routeStep } from './route.ts';
import { throttleStep } from './throttle.ts';

/** The gateway's order (gateway.md §7): adding a step, or swapping two, is a change of this list. */
export const GATEWAY_STEPS: readonly Step[] = [
  requestSizeStep,
  framingStep,
  preflightStep,
  routeStep,
  readBodyStep,
  authenticateStep,
  authoriseStep,
  throttleStep,
  dispatcherStep,
  jsonShapeStep,
  modelStep,
];

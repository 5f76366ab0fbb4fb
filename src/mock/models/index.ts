import type { ModelKind } from '../config/schema.ts';
import { echoModel } from './echo.ts';
import { imageClassifierModel } from './image-classifier.ts';
import { irisModel } from './iris.ts';
import { slowModel } from './slow.ts';
import type { Model } from './types.ts';

export type { Model, ModelRequest } from './types.ts';

const MODELS: Readonly<Record<ModelKind, Model>> = {
  iris: irisModel,
  'image-classifier': imageClassifierModel,
  echo: echoModel,
  slow: slowModel,
};

export function modelFor(kind: ModelKind): Model {
  return MODELS[kind];
}

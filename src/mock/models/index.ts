import type { ModelSpec, Service } from '../config/schema.ts';
import { echoModel } from './echo.ts';
import { type ModelHandler, handlerModel } from './handler.ts';
import { imageClassifierModel } from './image-classifier.ts';
import { irisModel } from './iris.ts';
import { isProxyModel, type ProxyModelConfig } from './proxy-config.ts';
import { presetModel } from './presets/index.ts';
import { slowModel } from './slow.ts';
import { staticModel } from './static.ts';
import type { Model } from './types.ts';

export type { Model, ModelRequest } from './types.ts';
export type { HandlerAnswer, HandlerRequest, ModelHandler } from './handler.ts';

const LEGACY: Readonly<Record<Extract<ModelSpec, string>, Model>> = {
  iris: irisModel,
  'image-classifier': imageClassifierModel,
  echo: echoModel,
  slow: slowModel,
};

/** The forms a service's `model` takes; each is one member of the config's union and one case below. */
export type ModelForm = 'legacy' | 'preset' | 'static' | 'proxy' | 'handler';

type SpecOf<F extends ModelForm> = F extends 'legacy'
  ? Extract<ModelSpec, string>
  : F extends 'handler'
    ? ModelHandler
    : F extends 'preset'
      ? Extract<ModelSpec, { preset: string }>
      : F extends 'proxy'
        ? ProxyModelConfig
        : Extract<ModelSpec, { static: unknown }>;

export function modelFormOf(model: ModelSpec): ModelForm {
  if (typeof model === 'string') return 'legacy';
  if (typeof model === 'function') return 'handler';
  if ('preset' in model) return 'preset';
  if (isProxyModel(model)) return 'proxy';
  return 'static';
}

const FACTORIES: { readonly [F in ModelForm]: (spec: SpecOf<F>) => Model } = {
  legacy: (kind) => LEGACY[kind],
  preset: presetModel,
  static: staticModel,
  handler: handlerModel,
  // A proxied model holds connections and a health probe: the mock state keeps one per service (state.proxies).
  proxy: () => {
    throw new Error('a proxy model is made by the mock state (proxies.modelFor), not by modelFor');
  },
};

const built = new WeakMap<Service, Model>();

/** The model behind a service, made once per service. */
export function modelFor(service: Service): Model {
  let model = built.get(service);
  if (!model) {
    const form = modelFormOf(service.model);
    model = (FACTORIES[form] as (spec: ModelSpec) => Model)(service.model);
    built.set(service, model);
  }
  return model;
}

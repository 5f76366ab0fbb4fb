import type { Service } from '../config/schema.ts';
import { readModelConfigFile } from '../model-config/load.ts';
import { type NormalizedModelConfig, normalizeModelConfig } from '../model-config/normalize.ts';
import { parseModelConfig } from '../model-config/load.ts';
import { defaultApis } from './default-apis.ts';

const cache = new WeakMap<Service, NormalizedModelConfig>();

/**
 * A service's APIs: its modelConfig's (a path is read here only if the config was not resolved by
 * resolveConfig, which reads it relative to the config file), else its model's defaults.
 */
export function serviceApis(service: Service): NormalizedModelConfig {
  let found = cache.get(service);
  if (!found) {
    const { modelConfig } = service;
    if (modelConfig === undefined) found = { apis: defaultApis(service.model), modelAlgorithm: undefined, modelType: undefined, warnings: [], problems: [] };
    else found = normalizeModelConfig(typeof modelConfig === 'string' ? readModelConfigFile(modelConfig) : parseModelConfig(modelConfig));
    cache.set(service, found);
  }
  return found;
}

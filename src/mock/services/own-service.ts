import type { ModelSpec, PresetSpec, Service, World } from '../config/schema.ts';
import type { ModelConfig } from '../model-config/schema.ts';

/** The id of the service `apig-kit mock --model-config` stands up: fixed, so scripts can keep it. */
export const OWN_SERVICE_ID = '0be5e7f1-ce00-4d0c-9f1a-5e7f1ce0be57';

/** The built-in mode preset that fits a config's model_algorithm (modelarts-services.md §1.1, §2); undefined mode otherwise. */
export function presetForAlgorithm(modelAlgorithm: string | undefined): PresetSpec {
  switch (modelAlgorithm) {
    case 'image_classification':
      return { preset: 'image-classification' };
    case 'object_detection':
      return { preset: 'object-detection' };
    case 'predict_analysis':
      return { preset: 'predictive-analytics' };
    default:
      return { preset: 'undefined' };
  }
}

export interface OwnServiceOptions {
  modelConfig: ModelConfig;
  /** Default: the preset for its model_algorithm. */
  model?: ModelSpec | undefined;
  name?: string | undefined;
  id?: string | undefined;
}

/**
 * A service from a user's config.json, with app auth on (so it has both addresses, IAM and app,
 * modelarts-services.md §5.1), owned by the world's first account in its first project and bound
 * to that account's first app.
 */
export function ownService(world: World, options: OwnServiceOptions): Service {
  const account = world.accounts[0]!;
  const app = world.apps.find((a) => a.account === account.name);
  return {
    id: options.id ?? OWN_SERVICE_ID,
    name: options.name ?? 'my-service',
    model: options.model ?? presetForAlgorithm(options.modelConfig.model_algorithm),
    modelConfig: options.modelConfig,
    auth: 'app',
    state: 'running',
    account: account.name,
    project: account.projects.find((p) => p.name === world.region)?.name ?? account.projects[0]!.name,
    boundApps: app ? [app.name] : [],
    stages: ['RELEASE'],
  };
}

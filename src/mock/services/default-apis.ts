import type { ModelSpec } from '../config/schema.ts';
import { modelFormOf } from '../models/index.ts';
import { DEFAULT_IMAGE_FIELD } from '../models/presets/image-input.ts';
import { staticPaths } from '../models/static.ts';
import { ANY, type ServiceApi } from '../model-config/service-api.ts';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'multipart/form-data';

// The schemas of the built-in modes as documented (modelarts-services.md §1.4, §2).
const imageRequest = (field: string) => ({ type: 'object', properties: { [field]: { type: 'file' } } });
const CLASSIFICATION_RESPONSE = {
  type: 'object',
  properties: {
    predicted_label: { type: 'string' },
    scores: { type: 'array', items: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'string' }, { type: 'number' }] } },
  },
};
const DETECTION_RESPONSE = {
  type: 'object',
  properties: {
    detection_classes: { items: { type: 'string' }, type: 'array' },
    detection_boxes: { items: { minItems: 4, items: { type: 'number' }, type: 'array', maxItems: 4 }, type: 'array' },
    detection_scores: { items: { type: 'number' }, type: 'array' },
  },
};
const PREDICTION_REQUEST = {
  type: 'object',
  properties: { data: { type: 'object', properties: { req_data: { items: [{ type: 'object', properties: {} }], type: 'array' } } } },
};
const PREDICTION_RESPONSE = {
  type: 'object',
  properties: { data: { type: 'object', properties: { resp_data: { type: 'array', items: [{ type: 'object', properties: {} }] } } } },
};

function api(url: string, method: string, request: [string, unknown], response: [string, unknown], protocol?: string): ServiceApi {
  return { url, method, protocol, requestContentType: request[0], requestSchema: request[1], responseContentType: response[0], responseSchema: response[1] };
}

const classification = (field = DEFAULT_IMAGE_FIELD, protocol = 'http') =>
  api('/', 'POST', [FORM_TYPE, imageRequest(field)], [JSON_TYPE, CLASSIFICATION_RESPONSE], protocol);
const prediction = () => api('/', 'POST', [JSON_TYPE, PREDICTION_REQUEST], [JSON_TYPE, PREDICTION_RESPONSE], 'http');
const anyPath = (method: string) => api(ANY, method, [JSON_TYPE, undefined], [JSON_TYPE, undefined]);

/**
 * The APIs of a service without a modelConfig: a built-in mode's one POST / (its documented protocol
 * kept as metadata, §2); the echo and slow demo models, as ever, POST on any sub-path; the undefined
 * mode and a proxied model server any method on any path; a static answer per path its paths;
 * a handler one POST /.
 */
export function defaultApis(model: ModelSpec): ServiceApi[] {
  const form = modelFormOf(model);
  if (form === 'legacy') {
    if (model === 'iris') return [prediction()];
    if (model === 'image-classifier') return [classification()];
    return [anyPath('POST')];
  }
  if (form === 'preset') {
    const spec = model as Extract<ModelSpec, { preset: string }>;
    switch (spec.preset) {
      case 'image-classification':
        return [classification(spec.field)];
      case 'image-processing':
        return [classification(spec.field, 'https')];
      case 'object-detection':
        return [api('/', 'POST', [FORM_TYPE, imageRequest(spec.field ?? DEFAULT_IMAGE_FIELD)], [JSON_TYPE, DETECTION_RESPONSE], 'http')];
      case 'predictive-analytics':
        return [prediction()];
      case 'undefined':
        return [anyPath(ANY)];
    }
  }
  // A model server of your own without a config.json: whatever it serves (undefined mode, §2).
  if (form === 'proxy') return [anyPath(ANY)];
  if (form === 'static') {
    const spec = model as Extract<ModelSpec, { static: unknown }>;
    return staticPaths(spec.static).map((url) => api(url, 'POST', [JSON_TYPE, undefined], [JSON_TYPE, undefined]));
  }
  return [api('/', 'POST', [JSON_TYPE, undefined], [JSON_TYPE, undefined])];
}

import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import { MODEL_KINDS, type ModelSpec } from '../../src/mock/config/schema.ts';
import { echoModel } from '../../src/mock/models/echo.ts';
import { imageClassifierModel } from '../../src/mock/models/image-classifier.ts';
import { modelFor, modelFormOf } from '../../src/mock/models/index.ts';
import { irisModel } from '../../src/mock/models/iris.ts';
import { slowModel } from '../../src/mock/models/slow.ts';
import { serviceFor } from './model-request.ts';

const withModel = (model: ModelSpec) => resolveConfig({ world: { services: [{ ...serviceFor('echo'), model }] } }).world.services[0]!;

describe('modelFor', () => {
  it('maps each demo model kind to its model', () => {
    expect(modelFor(serviceFor('iris'))).toBe(irisModel);
    expect(modelFor(serviceFor('image-classifier'))).toBe(imageClassifierModel);
    expect(modelFor(serviceFor('echo'))).toBe(echoModel);
    expect(modelFor(withModel('slow'))).toBe(slowModel);
  });

  it('has a model for every kind and form a service may declare, made once per service', () => {
    for (const kind of MODEL_KINDS) expect(modelFor(withModel(kind))).toBeTypeOf('function');
    const preset = withModel({ preset: 'object-detection' });
    expect(modelFor(preset)).toBe(modelFor(preset));
    expect(modelFor(preset)).not.toBe(modelFor(withModel({ preset: 'object-detection' })));
  });

  it('tells the forms apart', () => {
    expect(modelFormOf('iris')).toBe('legacy');
    expect(modelFormOf({ preset: 'undefined' })).toBe('preset');
    expect(modelFormOf({ static: { status: 200, headers: {} } })).toBe('static');
    expect(modelFormOf(() => ({ body: 'x' }))).toBe('handler');
  });
});

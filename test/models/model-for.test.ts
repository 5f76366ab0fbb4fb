import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../../mock-gateway/config/schema.ts';
import { echoModel } from '../../mock-gateway/models/echo.ts';
import { imageClassifierModel } from '../../mock-gateway/models/image-classifier.ts';
import { modelFor } from '../../mock-gateway/models/index.ts';
import { irisModel } from '../../mock-gateway/models/iris.ts';
import { slowModel } from '../../mock-gateway/models/slow.ts';

describe('modelFor', () => {
  it('maps each model kind to its model', () => {
    expect(modelFor('iris')).toBe(irisModel);
    expect(modelFor('image-classifier')).toBe(imageClassifierModel);
    expect(modelFor('echo')).toBe(echoModel);
    expect(modelFor('slow')).toBe(slowModel);
  });

  it('has a model for every kind a service may declare', () => {
    for (const kind of MODEL_KINDS) expect(modelFor(kind)).toBeTypeOf('function');
  });
});

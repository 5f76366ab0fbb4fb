import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../../src/mock/config/schema.ts';
import { echoModel } from '../../src/mock/models/echo.ts';
import { imageClassifierModel } from '../../src/mock/models/image-classifier.ts';
import { modelFor } from '../../src/mock/models/index.ts';
import { irisModel } from '../../src/mock/models/iris.ts';
import { slowModel } from '../../src/mock/models/slow.ts';

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

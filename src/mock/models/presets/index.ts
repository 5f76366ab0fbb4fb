import type { PresetSpec } from '../../config/schema.ts';
import { echoModel } from '../echo.ts';
import type { Model } from '../types.ts';
import { imageClassificationModel } from './image-classification.ts';
import { objectDetectionModel } from './object-detection.ts';
import { predictiveAnalyticsModel } from './predictive-analytics.ts';

/** The model of a built-in mode preset (modelarts-services.md §2). */
export function presetModel(spec: PresetSpec): Model {
  switch (spec.preset) {
    case 'image-classification':
    case 'image-processing':
      return imageClassificationModel(spec);
    case 'object-detection':
      return objectDetectionModel(spec);
    case 'predictive-analytics':
      return predictiveAnalyticsModel(spec);
    case 'undefined':
      // "No limit" on input and output (§2): it answers with what it got, as the echo model does.
      return echoModel;
  }
}

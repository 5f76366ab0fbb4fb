import { jsonResponse } from '../http-model.ts';
import { dispatcherError } from './dispatcher-errors.ts';
import { isRecord, parseJson } from './json-body.ts';
import { predictionAnswer, readPredictionInput } from './presets/predictive-analytics.ts';
import type { Model } from './types.ts';

export type IrisSpecies = 'Iris-setosa' | 'Iris-versicolor' | 'Iris-virginica';

export interface IrisFeatures {
  sepal_length: number;
  sepal_width: number;
  petal_length: number;
  petal_width: number;
}

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;

/** Petal-length thresholds, as the first splits of a decision tree trained on the iris data set. */
export function predictIris(row: IrisFeatures): IrisSpecies {
  if (row.petal_length < 2.5) return 'Iris-setosa';
  if (row.petal_length < 4.9) return 'Iris-versicolor';
  return 'Iris-virginica';
}

function isFeatureRow(row: unknown): row is IrisFeatures {
  return isRecord(row) && FEATURES.every((name) => typeof row[name] === 'number' && Number.isFinite(row[name]));
}

/**
 * A predictive-analytics model on the iris data set: the rows echoed with `predictresult` added,
 * uuid echoed (the token-access doc's answer, modelarts-services.md §6.2 b, which seed 000 describes).
 * Rows must carry the four features as numbers; anything else is ModelArts.4105.
 */
export const irisModel: Model = async (request) => {
  if (request.body.length === 0) return dispatcherError('modelarts.empty-request');
  const parsed = parseJson(request.body);
  const input = parsed.ok ? readPredictionInput(parsed.value) : undefined;
  if (!input?.wrapped || !input.rows.every(isFeatureRow)) return dispatcherError('modelarts.bad-json');
  const results = input.rows.map((row) => predictIris(row as unknown as IrisFeatures));
  return jsonResponse(200, predictionAnswer(input, results, { shape: 'inputs-and-result' }));
};

import { jsonResponse } from '../http-model.ts';
import { dispatcherError } from './dispatcher-errors.ts';
import { isRecord, parseJson } from './json-body.ts';
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

interface IrisInput {
  uuid: string;
  rows: IrisFeatures[];
}

/** `{"meta":{"uuid"}?, "data":{"req_data":[rows]}}` (gateway.md §6.2), or undefined when the shape is wrong. */
function readIrisInput(value: unknown): IrisInput | undefined {
  if (!isRecord(value) || !isRecord(value.data)) return undefined;
  const rows = value.data.req_data;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isFeatureRow)) return undefined;
  const meta = value.meta;
  if (meta === undefined) return { uuid: '', rows };
  if (!isRecord(meta)) return undefined;
  if (meta.uuid === undefined) return { uuid: '', rows };
  if (typeof meta.uuid !== 'string') return undefined;
  return { uuid: meta.uuid, rows };
}

/** A predictive-analytics model: one `predict_result` per `req_data` row, in order (gateway.md §6.3). */
export const irisModel: Model = async (request) => {
  if (request.body.length === 0) return dispatcherError('modelarts.empty-request');
  const parsed = parseJson(request.body);
  const input = parsed.ok ? readIrisInput(parsed.value) : undefined;
  if (!input) return dispatcherError('modelarts.bad-json');
  return jsonResponse(200, {
    meta: { uuid: input.uuid },
    data: { resp_data: input.rows.map((row) => ({ predict_result: predictIris(row) })) },
  });
};

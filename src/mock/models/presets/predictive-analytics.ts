import { jsonResponse } from '../../http-model.ts';
import { dispatcherError } from '../dispatcher-errors.ts';
import { digestOf } from '../image-scores.ts';
import { isRecord, parseJson } from '../json-body.ts';
import type { Model } from '../types.ts';

export type PredictionShape = 'inputs-and-result' | 'config-docs' | 'exeml' | 'test-service-2021';

/** The result column each documented shape names (modelarts-services.md §6.2 a–d). */
export const RESULT_FIELDS: Readonly<Record<PredictionShape, string>> = {
  'inputs-and-result': 'predictresult',
  'config-docs': 'predict_result',
  exeml: 'predict',
  'test-service-2021': 'predictioncol',
};

type Row = Record<string, unknown>;

export interface PredictionInput {
  uuid: string;
  rows: Row[];
  /** Whether the rows came inside `data` (the XGBoost example sends `{"req_data": …}` bare, §6.1). */
  wrapped: boolean;
}

/** `{"meta":{"uuid"}?, "data":{"req_data":[rows]}}` or `{"req_data":[rows]}` (§6.1); undefined when the shape is wrong. */
export function readPredictionInput(value: unknown): PredictionInput | undefined {
  if (!isRecord(value)) return undefined;
  const wrapped = isRecord(value.data);
  const rows = wrapped ? (value.data as Row).req_data : value.req_data;
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isRecord)) return undefined;
  const meta = value.meta;
  if (meta !== undefined && !isRecord(meta)) return undefined;
  const uuid = meta?.uuid;
  if (uuid !== undefined && typeof uuid !== 'string') return undefined;
  // "Left blank" when no uuid is sent (§6.2 b): read as the empty string (inferred).
  return { uuid: uuid ?? '', rows, wrapped };
}

/** The 2021 test page echoed `"58"` back as `58` (§6.2 d). */
const numeric = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value]));

export interface PredictionOptions {
  /** Default: the inputs echoed plus `predictresult`, uuid echoed (§6.2 b; inferred default). */
  shape?: PredictionShape | undefined;
  resultField?: string | undefined;
}

/** The answer for the rows, one result per row in order, in the chosen documented shape. */
export function predictionAnswer(input: PredictionInput, results: readonly unknown[], options: PredictionOptions): unknown {
  const shape = options.shape ?? 'inputs-and-result';
  const field = options.resultField ?? RESULT_FIELDS[shape];
  const wrap = (respData: unknown[]) => (input.wrapped ? { data: { resp_data: respData } } : { resp_data: respData });
  switch (shape) {
    case 'inputs-and-result':
      return { meta: { uuid: input.uuid }, ...wrap(input.rows.map((row, i) => ({ ...row, [field]: results[i] }))) };
    case 'config-docs':
    case 'exeml':
      return wrap(input.rows.map((_, i) => ({ [field]: results[i] })));
    case 'test-service-2021':
      return {
        result: {
          count: input.rows.length,
          resp_data: input.rows.map((row, i) => ({ ...numeric(row), probabilitycol: 1, [field]: results[i] })),
        },
      };
  }
}

/**
 * The built-in predictive analytics mode (modelarts-services.md §2, §6): one result per `req_data`
 * row, drawn from `results` by the row's bytes and the world seed. Bad JSON or a wrong shape is
 * ModelArts.4105, an empty body 4202 (a platform-owned server, §4.2 #5–6).
 */
export const DEFAULT_RESULTS: readonly number[] = [0, 1];

export function predictiveAnalyticsModel(options: PredictionOptions & { results?: readonly (string | number)[] | undefined }): Model {
  const values = options.results ?? DEFAULT_RESULTS;
  return async (request) => {
    if (request.body.length === 0) return dispatcherError('modelarts.empty-request');
    const parsed = parseJson(request.body);
    const input = parsed.ok ? readPredictionInput(parsed.value) : undefined;
    if (!input) return dispatcherError('modelarts.bad-json');
    const results = input.rows.map((row) => values[digestOf(Buffer.from(JSON.stringify(row)), request.seed).readUInt32BE(0) % values.length]);
    return jsonResponse(200, predictionAnswer(input, results, options));
  };
}

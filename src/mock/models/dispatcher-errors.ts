import { CATALOGUE, fillTemplate } from '../catalogue.ts';
import { type GatewayResponse, jsonResponse } from '../http-model.ts';

export type DispatcherErrorKey = 'modelarts.bad-json' | 'modelarts.empty-request' | 'model.file-missing' | 'model.not-an-image';

/** A ModelArts dispatcher error: `{"error_code","error_msg"}`, without APIG's request_id (gateway.md §1.1). */
export function dispatcherError(key: DispatcherErrorKey, params: Readonly<Record<string, string | number>> = {}): GatewayResponse {
  const { code, status, message } = CATALOGUE[key];
  return jsonResponse(status, { error_code: code, error_msg: fillTemplate(message, params) });
}

import { headerValue } from '../../protocol/canonical/headers.ts';
import { type GatewayResponse, jsonResponse } from '../http-model.ts';
import { dispatcherError } from './dispatcher-errors.ts';
import { classifyImage } from './image-scores.ts';
import { isRecord, parseJson } from './json-body.ts';
import { isMultipartFormData, readFirstFile } from './multipart-file.ts';
import type { Model, ModelRequest } from './types.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `{"image":"<base64>"}`, optionally as a data URL; undefined when missing, not base64 or empty. */
function decodeJsonImage(body: Buffer): Buffer | undefined {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value) || typeof parsed.value.image !== 'string') return undefined;
  const text = parsed.value.image.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

async function readMultipartImage(request: ModelRequest, contentType: string): Promise<Buffer | undefined> {
  try {
    const file = await readFirstFile(request.body, contentType, request.signal);
    return file && file.bytes.length > 0 ? file.bytes : undefined;
  } catch {
    if (request.signal.aborted) throw request.signal.reason;
    return undefined; // a malformed form is bad input, not a model crash
  }
}

/** An image-classification model (gateway.md §6.2, §6.3): one image, as a multipart file or base64 JSON. */
export const imageClassifierModel: Model = async (request): Promise<GatewayResponse> => {
  if (request.body.length === 0) return dispatcherError('modelarts.empty-request');
  const contentType = headerValue(request.headers, 'content-type');
  const image = isMultipartFormData(contentType) ? await readMultipartImage(request, contentType) : decodeJsonImage(request.body);
  if (!image) return dispatcherError('modelarts.bad-json');
  return jsonResponse(200, classifyImage(image));
};

import { headerValue } from '../../../protocol/index.ts';
import type { GatewayResponse } from '../../http-model.ts';
import { fileFieldOf } from '../../model-config/service-api.ts';
import { dispatcherError } from '../dispatcher-errors.ts';
import { imageTypeOf } from '../image-type.ts';
import { isRecord, parseJson } from '../json-body.ts';
import { isMultipartFormData, readFileField } from '../multipart-file.ts';
import type { ModelRequest } from '../types.ts';

/** The built-in image modes read the file part `images` (modelarts-services.md §2). */
export const DEFAULT_IMAGE_FIELD = 'images';

export type ImageInput = { ok: true; bytes: Buffer } | { ok: false; response: GatewayResponse };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `{"image":"<base64>"}`, optionally as a data URL (the demo image model's second form); undefined when it is not that. */
function decodeJsonImage(body: Buffer): Buffer | undefined {
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value) || typeof parsed.value.image !== 'string') return undefined;
  const text = parsed.value.image.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/** The field to read: the API's declared `file` property, else the preset's option, else `images`. */
export function imageFieldFor(request: ModelRequest, option: string | undefined): string {
  return fileFieldOf(request.api) ?? option ?? DEFAULT_IMAGE_FIELD;
}

/**
 * The image of an image-mode request: the file in the declared form field, which must be an image.
 * A missing field or a file that is no image is refused (model.file-missing / model.not-an-image,
 * inferred); a malformed form is ModelArts.4105, as the demo image model always answered.
 */
export async function readImage(request: ModelRequest, field: string, options: { jsonBase64?: boolean } = {}): Promise<ImageInput> {
  if (request.body.length === 0) return { ok: false, response: dispatcherError('modelarts.empty-request') };
  const contentType = headerValue(request.headers, 'content-type');
  let bytes: Buffer | undefined;
  if (isMultipartFormData(contentType)) {
    try {
      bytes = (await readFileField(request.body, contentType, field, request.signal))?.bytes;
    } catch {
      if (request.signal.aborted) throw request.signal.reason;
      return { ok: false, response: dispatcherError('modelarts.bad-json') };
    }
  } else if (options.jsonBase64) {
    bytes = decodeJsonImage(request.body);
    if (!bytes) return { ok: false, response: dispatcherError('modelarts.bad-json') };
  }
  if (!bytes || bytes.length === 0) return { ok: false, response: dispatcherError('model.file-missing', { field }) };
  if (!imageTypeOf(bytes)) return { ok: false, response: dispatcherError('model.not-an-image', { field }) };
  return { ok: true, bytes };
}

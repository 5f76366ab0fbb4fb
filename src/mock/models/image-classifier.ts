import { jsonResponse } from '../http-model.ts';
import { classifyImage } from './image-scores.ts';
import { imageFieldFor, readImage } from './presets/image-input.ts';
import type { Model } from './types.ts';

/**
 * The demo image-classification model (gateway.md §6.2, §6.3): one image, as a multipart file in the
 * declared field (default `images`) or as base64 JSON `{"image": …}`; a missing field or a file that
 * is not an image is refused (modelarts-services.md §2, inferred answer).
 */
export const imageClassifierModel: Model = async (request) => {
  const image = await readImage(request, imageFieldFor(request, undefined), { jsonBase64: true });
  if (!image.ok) return image.response;
  return jsonResponse(200, classifyImage(image.bytes));
};

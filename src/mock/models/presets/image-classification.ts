import { jsonResponse } from '../../http-model.ts';
import { classifyImage, FLOWER_LABELS } from '../image-scores.ts';
import type { Model } from '../types.ts';
import { imageFieldFor, readImage } from './image-input.ts';

/**
 * The built-in image classification / image processing mode (modelarts-services.md §2, §6.3):
 * `{"predicted_label", "scores": [[label, score], …]}` for the image in the declared field,
 * deterministic from its bytes and the world seed.
 */
export function imageClassificationModel(options: { field?: string | undefined; labels?: readonly string[] | undefined }): Model {
  const labels = options.labels ?? FLOWER_LABELS;
  return async (request) => {
    const field = imageFieldFor(request, options.field);
    const image = await readImage(request, field);
    if (!image.ok) return image.response;
    return jsonResponse(200, classifyImage(image.bytes, labels, request.seed));
  };
}

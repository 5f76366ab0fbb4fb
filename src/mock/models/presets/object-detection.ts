import { jsonResponse } from '../../http-model.ts';
import { digestOf } from '../image-scores.ts';
import type { Model } from '../types.ts';
import { imageFieldFor, readImage } from './image-input.ts';

/** The classes of the docs' samples (`face`, `arm`; `cat`, modelarts-services.md §1.4 B, §2). */
export const DETECTION_LABELS = ['face', 'arm', 'cat', 'dog', 'car'] as const;

export interface DetectionOptions {
  field?: string | undefined;
  labels?: readonly string[] | undefined;
  numbers?: 'number' | 'string' | undefined;
  maxBoxes?: number | undefined;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * The built-in object detection mode (modelarts-services.md §2, §1.4 B): `detection_classes`,
 * `detection_boxes` as (y_min, x_min, y_max, x_max) and `detection_scores`, falling, deterministic
 * from the image and the world seed. Numbers as strings on request (the observed ExeML answer).
 */
export function objectDetectionModel(options: DetectionOptions): Model {
  const labels = options.labels ?? DETECTION_LABELS;
  return async (request) => {
    const image = await readImage(request, imageFieldFor(request, options.field));
    if (!image.ok) return image.response;
    const digest = digestOf(image.bytes, request.seed);
    const count = 1 + (digest[0]! % (options.maxBoxes ?? 3));
    const classes: string[] = [];
    const boxes: number[][] = [];
    const scores: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = (1 + i * 5) % (digest.length - 5);
      const yMin = oneDecimal((digest.readUInt16BE(at) % 5000) / 10);
      const xMin = oneDecimal((digest.readUInt16BE(at + 2) % 5000) / 10);
      const size = 20 + (digest[at + 4]! % 200) * 2;
      classes.push(labels[digest[at + 4]! % labels.length]!);
      boxes.push([yMin, xMin, oneDecimal(yMin + size), oneDecimal(xMin + size * 1.25)]);
      scores.push(Math.round(9900 * 0.85 ** i - (digest[at]! % 10)) / 1e4);
    }
    const asText = options.numbers === 'string';
    return jsonResponse(200, {
      detection_classes: classes,
      detection_boxes: asText ? boxes.map((box) => box.map(String)) : boxes,
      detection_scores: asText ? scores.map(String) : scores,
    });
  };
}

import { createHash } from 'node:crypto';

export const FLOWER_LABELS = ['rose', 'sunflower', 'tulip', 'daisy', 'dandelion'] as const;
export type FlowerLabel = (typeof FLOWER_LABELS)[number];

export interface ImageClassification {
  predicted_label: FlowerLabel;
  /** Predicted label first, then the others by falling score; the scores sum to 1. */
  scores: Array<[FlowerLabel, number]>;
}

// Scores are counted in whole ten-thousandths, so each has 4 decimals and they add up to exactly 1.
const UNITS = 10_000;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A deterministic answer from the image's SHA-256: the same bytes always get the same label and scores. */
export function classifyImage(bytes: Uint8Array): ImageClassification {
  const digest = createHash('sha256').update(bytes).digest();
  const predicted = FLOWER_LABELS[digest[0]! % FLOWER_LABELS.length]!;
  const topUnits = 9_000 + (digest.readUInt16BE(1) % 990); // 0.9000 .. 0.9989
  const others = FLOWER_LABELS.filter((label) => label !== predicted);
  const weights = others.map((_, i) => digest[3 + i]! + 1);
  const rest = UNITS - topUnits;
  // Every other label gets at least one unit, the remainder in proportion to its weight.
  const spare = rest - others.length;
  const units = weights.map((weight) => 1 + Math.floor((spare * weight) / sum(weights)));
  const heaviest = weights.indexOf(Math.max(...weights));
  units[heaviest]! += rest - sum(units);
  const ranked = others
    .map((label, i) => ({ label, units: units[i]! }))
    .sort((a, b) => b.units - a.units || FLOWER_LABELS.indexOf(a.label) - FLOWER_LABELS.indexOf(b.label));
  return {
    predicted_label: predicted,
    scores: [[predicted, topUnits / UNITS], ...ranked.map(({ label, units }): [FlowerLabel, number] => [label, units / UNITS])],
  };
}

import { createHash } from 'node:crypto';

export const FLOWER_LABELS = ['rose', 'sunflower', 'tulip', 'daisy', 'dandelion'] as const;
export type FlowerLabel = (typeof FLOWER_LABELS)[number];

export interface ImageClassification<Label extends string = FlowerLabel> {
  predicted_label: Label;
  /** Predicted label first, then the others by falling score; the scores sum to 1. */
  scores: Array<[Label, number]>;
}

// Scores are counted in whole ten-thousandths, so each has 4 decimals and they add up to exactly 1.
const UNITS = 10_000;
/** ExeML lists the confidence of the top 5 labels (modelarts-services.md §6.3). */
const TOP = 5;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** SHA-256 of the bytes, after the seed when there is one: the same input and seed, the same answer. */
export function digestOf(bytes: Uint8Array, seed?: number): Buffer {
  const hash = createHash('sha256');
  if (seed !== undefined) hash.update(`${seed}:`);
  return hash.update(bytes).digest();
}

/** A deterministic answer from the image's SHA-256: the same bytes always get the same label and scores. */
export function classifyImage<Label extends string = FlowerLabel>(
  bytes: Uint8Array,
  labels: readonly Label[] = FLOWER_LABELS as unknown as readonly Label[],
  seed?: number,
): ImageClassification<Label> {
  const digest = digestOf(bytes, seed);
  const predicted = labels[digest[0]! % labels.length]!;
  const topUnits = 9_000 + (digest.readUInt16BE(1) % 990); // 0.9000 .. 0.9989
  let others = labels.filter((label) => label !== predicted);
  if (others.length > TOP - 1) {
    const start = digest.readUInt16BE(8) % others.length;
    others = [...others.slice(start), ...others.slice(0, start)].slice(0, TOP - 1);
  }
  const weights = others.map((_, i) => digest[3 + i]! + 1);
  const rest = UNITS - topUnits;
  // Every other label gets at least one unit, the remainder in proportion to its weight.
  const spare = rest - others.length;
  const units = weights.map((weight) => 1 + Math.floor((spare * weight) / sum(weights)));
  const heaviest = weights.indexOf(Math.max(...weights));
  if (heaviest >= 0) units[heaviest]! += rest - sum(units);
  const ranked = others.map((label, i) => ({ label, units: units[i]! })).sort((a, b) => b.units - a.units || labels.indexOf(a.label) - labels.indexOf(b.label));
  return {
    predicted_label: predicted,
    scores: [[predicted, (others.length === 0 ? UNITS : topUnits) / UNITS], ...ranked.map(({ label, units }): [Label, number] => [label, units / UNITS])],
  };
}

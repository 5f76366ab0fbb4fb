/** Summary of repeated measurements: the median decides, min/max show how noisy the machine was. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, as a percentage. */
  spreadPercent: number;
  samples: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: m, min, max, spreadPercent: m === 0 ? 0 : ((max - min) / m) * 100, samples: [...samples] };
}

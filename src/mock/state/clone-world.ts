/**
 * A deep copy of world data, as structuredClone makes one, except that functions (a service's
 * handler model, given in code) are kept as they are: they cannot be copied, and nothing changes them.
 */
export function cloneWorldData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneWorldData) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneWorldData(item);
  return copy as T;
}

/**
 * A deep copy of world data, as structuredClone makes one, except that functions (a service's
 * handler model, given in code) are kept as they are: they cannot be copied, and nothing changes them.
 */
export function cloneWorldData<T>(value: T): T {
  if (typeof value === 'function' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneWorldData) as T;
  if (!hasFunction(value)) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneWorldData(item);
  return copy as T;
}

function hasFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasFunction);
}

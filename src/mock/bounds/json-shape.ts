const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export interface JsonShapeLimits {
  /** Arrays and objects nested in one another. */
  maxDepth: number;
  /** Arrays and objects in all. */
  maxContainers: number;
}

export type JsonShapeProblem = 'too-deep' | 'too-many-containers';

/**
 * What makes JSON text too costly to parse, found in one pass over its bytes without parsing:
 * nesting costs the parser stack, and every array or object ~60 bytes of heap, out of all
 * proportion to the text (12 MB of `[{},{},…]` needs more than 256 MB). Brackets inside strings do
 * not count. Malformed text is left for the parser to refuse.
 */
export function jsonShapeProblem(chunks: readonly Uint8Array[], limits: JsonShapeLimits): JsonShapeProblem | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  let escaped = false;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        if (++depth > limits.maxDepth) return 'too-deep';
        if (++containers > limits.maxContainers) return 'too-many-containers';
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
    }
  }
  return undefined;
}

/** The limits models parse under when the gateway has not checked a body at its own (configured) limits. */
export const PARSE_SAFETY_LIMITS: JsonShapeLimits = { maxDepth: 512, maxContainers: 500_000 };

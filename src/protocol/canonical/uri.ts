import { percentDecodeToBytes, uriEncodeBytes } from '../percent-encoding.ts';

const SLASH = 0x2f;
/** Decoding changes nothing in such a path and encoding leaves every byte alone. */
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * Canonical URI as the gateway computes it from the wire path (signing.md §1.3): percent-decode,
 * split on '/', URI-encode each segment, re-join, and make sure it ends with '/'. Empty segments
 * survive and dot segments are not removed, as no official SDK removes them.
 */
export function canonicalUri(wirePath: string): string {
  if (PLAIN_PATH.test(wirePath)) return wirePath.endsWith('/') ? wirePath : `${wirePath}/`;
  const decoded = percentDecodeToBytes(wirePath === '' ? '/' : wirePath);
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i <= decoded.length; i++) {
    if (i === decoded.length || decoded[i] === SLASH) {
      segments.push(uriEncodeBytes(decoded.subarray(start, i)));
      start = i + 1;
    }
  }
  const joined = segments.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

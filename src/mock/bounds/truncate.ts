/** The marker a cut text ends with: it says how much is missing, so nobody mistakes it for the whole. */
export const truncationMarker = (omittedBytes: number) => `…[truncated: ${omittedBytes} more bytes]`;

/**
 * `text` cut to at most `maxBytes` of UTF-8, marker included, or `text` itself when it fits. A
 * character split by the cut is dropped whole.
 */
export function truncateText(text: string, maxBytes: number): string {
  // Fast path: even if every char took 3 bytes, it would fit.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return text;
  let keep = Math.max(0, maxBytes - Buffer.byteLength(truncationMarker(bytes)));
  const encoded = Buffer.from(text, 'utf8');
  // Back off to the start of a character (continuation bytes are 0b10xxxxxx).
  while (keep > 0 && keep < encoded.length && (encoded[keep]! & 0xc0) === 0x80) keep--;
  return `${encoded.subarray(0, keep).toString('utf8')}${truncationMarker(bytes - keep)}`;
}

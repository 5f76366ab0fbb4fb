/**
 * The image types the console's Prediction tab takes (modelarts-services.md §3.6: png, psd, jpg,
 * jpeg, bmp, gif, webp, svg, tiff), told by their first bytes: a few fixed signatures, not worth a
 * dependency.
 */
const SIGNATURES: ReadonlyArray<[type: string, offset: number, bytes: readonly number[]]> = [
  ['png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', 0, [0xff, 0xd8, 0xff]],
  ['gif', 0, [0x47, 0x49, 0x46, 0x38]],
  ['bmp', 0, [0x42, 0x4d]],
  ['tiff', 0, [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', 0, [0x4d, 0x4d, 0x00, 0x2a]],
  ['psd', 0, [0x38, 0x42, 0x50, 0x53]],
  ['webp', 8, [0x57, 0x45, 0x42, 0x50]],
];

const startsWith = (bytes: Uint8Array, offset: number, signature: readonly number[]) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** `png`, `jpeg`, … or undefined when the bytes are none of the image types taken. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  for (const [type, offset, signature] of SIGNATURES) {
    if (type === 'webp' && !startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46])) continue;
    if (startsWith(bytes, offset, signature)) return type;
  }
  // SVG is text: an optional XML prolog or comments, then an <svg> element.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

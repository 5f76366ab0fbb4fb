/**
 * URI-encoding as APIG's signature defines it: the UTF-8 bytes of a string, with only the
 * RFC 3986 unreserved set (A-Z a-z 0-9 - _ . ~) left alone and every other byte written as %XY
 * in upper-case hex. Space is %20, never '+'.
 */

const UNRESERVED = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') {
  UNRESERVED[ch.charCodeAt(0)] = 1;
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, byte) => '%' + byte.toString(16).toUpperCase().padStart(2, '0'));

export function uriEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out += UNRESERVED[byte] ? String.fromCharCode(byte) : HEX_BYTE[byte];
  }
  return out;
}

export function uriEncode(text: string): string {
  return uriEncodeBytes(Buffer.from(text, 'utf8'));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Percent-decodes to raw bytes, never to a string, so that invalid UTF-8 and lone escapes survive
 * a decode/encode round trip byte for byte. A '%' not followed by two hex digits stays literal
 * (and is re-encoded as %25), which is how a lenient decoder treats it.
 */
export function percentDecodeToBytes(text: string, plusAsSpace = false): Buffer {
  const input = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (byte === 0x25 && i + 2 < input.length) {
      const high = hexValue(input[i + 1]!);
      const low = hexValue(input[i + 2]!);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        continue;
      }
    }
    out[length++] = plusAsSpace && byte === 0x2b ? 0x20 : byte;
  }
  return out.subarray(0, length);
}

/**
 * The two functions above over a *byte string* (latin1 text, one char per byte) instead of a
 * Buffer: cheaper for the short components of a query, and byte strings sort in byte order.
 */
export function percentDecodeToByteString(text: string, plusAsSpace = false): string {
  // Non-ASCII text must first become its UTF-8 bytes.
  if (!/^[\x00-\x7f]*$/.test(text)) return percentDecodeToBytes(text, plusAsSpace).toString('latin1');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && i + 2 < text.length) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out += String.fromCharCode((high << 4) | low);
        i += 2;
        continue;
      }
    }
    out += plusAsSpace && code === 0x2b ? ' ' : text[i];
  }
  return out;
}

export function uriEncodeByteString(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    out += UNRESERVED[byte] ? bytes[i] : HEX_BYTE[byte];
  }
  return out;
}

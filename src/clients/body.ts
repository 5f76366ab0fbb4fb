/** The three request bodies a ModelArts model takes (gateway.md §6.2), encoded to the exact bytes to send. */

export interface FileUpload {
  /** The form field the model reads, usually `images`. */
  field: string;
  /** The file name sent in Content-Disposition. */
  name: string;
  content: Uint8Array;
  /** Default `application/octet-stream`. */
  contentType?: string | undefined;
}

export type InferenceInput =
  /** Any JSON value, sent as `application/json`. */
  | { json: unknown }
  /** One file as `multipart/form-data`. */
  | { file: FileUpload }
  /** `{"<field>": "<base64 of content>"}` as `application/json`, e.g. `{"image": …}`. */
  | { base64Field: { field: string; content: Uint8Array } }
  /** No body at all (Content-Length: 0, no Content-Type), e.g. for a service that takes its input from the query. */
  | { empty: true };

export interface EncodedBody {
  bytes: Uint8Array;
  contentType: string;
  /** Multipart bodies are signed as UNSIGNED-PAYLOAD, as the official ModelArts examples do. */
  unsignedPayload: boolean;
}

const encoder = new TextEncoder();

export function encodeInput(input: InferenceInput): EncodedBody {
  if ('json' in input) return jsonBody(input.json);
  if ('file' in input) return multipartBody(input.file);
  if ('base64Field' in input) return jsonBody({ [input.base64Field.field]: toBase64(input.base64Field.content) });
  if ('empty' in input && input.empty === true) return { bytes: new Uint8Array(0), contentType: '', unsignedPayload: false };
  throw new TypeError('the input must be { json }, { file }, { base64Field } or { empty: true }');
}

function jsonBody(value: unknown): EncodedBody {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('the json input has no JSON form (undefined, a function or a symbol)');
  return { bytes: encoder.encode(text), contentType: 'application/json', unsignedPayload: false };
}

/** Base64 without node:buffer, in chunks small enough for `String.fromCharCode`. */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(''));
}

/** A random boundary: 128 bits, so it cannot plausibly occur inside the file. */
export function randomBoundary(): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  return `----apig-kit-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Field and file names inside quotes, escaped as browsers do (WHATWG multipart/form-data). */
function quoted(name: string): string {
  return `"${name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function multipartBody(file: FileUpload, boundary = randomBoundary()): EncodedBody {
  const contentType = (file.contentType ?? 'application/octet-stream').replace(/[\r\n]/g, '');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.name)}\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    bytes: concat([encoder.encode(head), file.content, encoder.encode(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
    unsignedPayload: true,
  };
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

export interface UploadedFile {
  field: string;
  filename: string | undefined;
  mimeType: string;
  bytes: Buffer;
}

export function isMultipartFormData(contentType: string | undefined): contentType is string {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'multipart/form-data';
}

/**
 * The first file part of a multipart/form-data body, whatever its field name (curl sends `images`);
 * undefined when the form holds no file. Rejects when the body or its Content-Type is malformed.
 */
export async function readFirstFile(body: Buffer, contentType: string, signal: AbortSignal): Promise<UploadedFile | undefined> {
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1 } });
  let file: UploadedFile | undefined;
  let fileError: unknown;
  parser.on('file', (field, stream, info) => {
    const chunks: Buffer[] = [];
    // A form cut short destroys the open file stream with an error; without a listener it would crash the process.
    stream.on('error', (error) => {
      fileError ??= error;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      file = { field, filename: info.filename, mimeType: info.mimeType, bytes: Buffer.concat(chunks) };
    });
  });
  // busboy finishes only after every file stream has ended, so `file` is complete here.
  await pipeline(Readable.from([body]), parser, { signal });
  if (fileError !== undefined) throw fileError;
  return file;
}

/** More file parts than this in one form are not looked at (the body is capped already; this bounds the work). */
const MAX_FORM_FILES = 64;

/**
 * The first file part sent in form field `field` (the field an API declares, modelarts-services.md
 * §1.2); undefined when the form has none there. Other parts are skipped unbuffered. Rejects when
 * the body or its Content-Type is malformed.
 */
export async function readFileField(body: Buffer, contentType: string, field: string, signal: AbortSignal): Promise<UploadedFile | undefined> {
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { files: MAX_FORM_FILES } });
  let file: UploadedFile | undefined;
  let fileError: unknown;
  parser.on('file', (name, stream, info) => {
    stream.on('error', (error) => {
      fileError ??= error;
    });
    if (name !== field || file !== undefined) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    const found: UploadedFile = { field: name, filename: info.filename, mimeType: info.mimeType, bytes: Buffer.alloc(0) };
    file = found;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      found.bytes = Buffer.concat(chunks);
    });
  });
  await pipeline(Readable.from([body]), parser, { signal });
  if (fileError !== undefined) throw fileError;
  return file;
}

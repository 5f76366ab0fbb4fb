import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';

/** Why a file the config names cannot be served: it is not a regular file, or it is over the bound. */
export class BoundedFileError extends Error {
  override name = 'BoundedFileError';
  constructor(
    readonly code: 'ENOTFILE' | 'ETOOBIG' | 'EMOVED',
    message: string,
  ) {
    super(message);
  }
}

const notFile = (path: string) => new BoundedFileError('ENOTFILE', `${path} is not a regular file`);
const tooBig = (path: string, maxBytes: number) => new BoundedFileError('ETOOBIG', `${path} is over ${maxBytes} bytes`);

/**
 * A regular file's bytes, never more than `maxBytes`; with `asChecked`, only if `path` (a real
 * path) has not become a link since it was checked. A stat's size is not a bound: a device
 * (/dev/zero), a FIFO or a file that grows reports 0 or less than it yields, and readFile would
 * read it until memory runs out. So the file must be regular, and the read stops at maxBytes + 1.
 */
export async function readBoundedFile(path: string, maxBytes: number, options: { asChecked?: boolean } = {}): Promise<Buffer> {
  // A file checked earlier (its real path then) must still be there, not a link put in its place
  // since, to a file the check would have refused.
  if (options.asChecked && (await realpath(path)) !== path) throw new BoundedFileError('EMOVED', `${path} is no longer the file that was checked`);
  const handle = await open(path, options.asChecked ? constants.O_RDONLY | constants.O_NOFOLLOW : 'r');
  try {
    if (!(await handle.stat()).isFile()) throw notFile(path);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooBig(path, maxBytes);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** readBoundedFile, synchronously: for files read while a config is loaded. */
export function readBoundedFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw notFile(path);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooBig(path, maxBytes);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

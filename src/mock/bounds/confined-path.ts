import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `path` (relative to `folder`) if it names something inside `folder` once every symlink is
 * followed, else undefined: `../`, an absolute path elsewhere, and a link pointing out are all
 * outside. A path that does not exist is judged by where it would be, so that the caller's read
 * reports it missing rather than this reporting it outside.
 */
export function pathInsideFolder(folder: string, path: string): string | undefined {
  const root = realOrResolved(folder);
  const target = realOrResolved(resolve(root, path));
  const fromRoot = relative(root, target);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) return undefined;
  return target;
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

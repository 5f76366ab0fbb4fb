import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../mock/index.ts';
import { formatCredentialsCsv } from '../protocol/index.ts';

/** A name as one path segment: no separator, no `.`/`..`, nothing a shell or file system minds. */
const segment = (name: string) => {
  const encoded = encodeURIComponent(name).replaceAll('*', '%2A');
  return encoded === '.' || encoded === '..' ? `_${encoded}` : encoded;
};

/**
 * Writes each user's permanent keys as the console's credentials.csv, to
 * `<dir>/<user>/credentials.csv` (`<dir>/<account>/<user>/…` for a name found in several
 * accounts), readable by the owner only. Returns the paths written.
 */
export function writeCredentialFiles(dir: string, world: World): string[] {
  const counts = new Map<string, number>();
  for (const user of world.users) counts.set(user.name, (counts.get(user.name) ?? 0) + 1);
  const written: string[] = [];
  for (const user of world.users) {
    if (user.accessKeys.length === 0) continue;
    const folder = counts.get(user.name)! > 1 ? join(dir, segment(user.account), segment(user.name)) : join(dir, segment(user.name));
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, 'credentials.csv');
    writeFileSync(path, formatCredentialsCsv(user.accessKeys.map((key) => ({ userName: user.name, accessKey: key.ak, secretKey: key.sk }))), { mode: 0o600 });
    chmodSync(path, 0o600);
    written.push(path);
  }
  return written;
}

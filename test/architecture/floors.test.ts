/**
 * The folders are floors (ARCHITECTURE.md): each uses only the floors below it, never a sibling
 * on its own floor nor a floor above. Read from the import statements of every source file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Floor of each folder; a file belongs to the longest folder its path starts with. */
export const FLOORS: Readonly<Record<string, number>> = {
  'src/protocol': 1,
  'src/reports': 1,
  'src/clients': 2,
  'src/mock': 2,
  'src/kit': 3,
  suites: 3,
  'src/vitest': 3,
  'src/cli': 4,
  // The package's entry points re-export every floor.
  'src/entry': 5,
};

function folderOf(path: string): string | undefined {
  return Object.keys(FLOORS)
    .filter((folder) => path === folder || path.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of a file, as paths from the repository root. */
export function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.push(relative(ROOT, resolve(ROOT, dirname(file), specifier)));
  }
  return found;
}

/** "a imports b" for every import that goes sideways or up. */
export function violations(files: readonly string[], read: (file: string) => string[] = (file) => importsOf(file)): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const target of read(file)) {
      const to = folderOf(target);
      if (to === undefined || to === from) continue;
      if (FLOORS[to]! >= FLOORS[from]!) found.push(`${file} (${from}, floor ${FLOORS[from]}) imports ${target} (${to}, floor ${FLOORS[to]})`);
    }
  }
  return found;
}

/**
 * Folders whose inside only their own files see: the floors above go through the one entry file.
 * (The package's msw entry is the exception: msw is an optional peer, so src/mock/index.ts must not load it.)
 */
export const PUBLIC_FACES: Readonly<Record<string, string>> = { 'src/mock': 'src/mock/index.ts' };

/** "a imports b" for every import into a folder with a public face that does not go through it. */
export function bypasses(files: readonly string[], read: (file: string) => string[] = (file) => importsOf(file)): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    for (const target of read(file)) {
      const to = folderOf(target);
      if (to === undefined || to === from) continue;
      const face = PUBLIC_FACES[to];
      if (file === 'src/entry/msw.ts') continue;
      if (face !== undefined && target !== face) found.push(`${file} imports ${target}, not ${face}`);
    }
  }
  return found;
}

describe('floors', () => {
  it('every source file imports only from its own folder and from lower floors', () => {
    const files = Object.keys(FLOORS).flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it('the check sees an import from a higher floor, a sibling, and a dynamic import', () => {
    const imports: Record<string, string[]> = {
      'src/protocol/signer.ts': ['src/mock/catalogue.ts'],
      'src/clients/auth.ts': ['src/mock/gateway.ts', 'src/protocol/index.ts'],
      'src/kit/kit.ts': ['src/mock/index.ts', 'src/cli/main.ts'],
    };
    expect(violations(Object.keys(imports), (file) => imports[file]!)).toEqual([
      'src/protocol/signer.ts (src/protocol, floor 1) imports src/mock/catalogue.ts (src/mock, floor 2)',
      'src/clients/auth.ts (src/clients, floor 2) imports src/mock/gateway.ts (src/mock, floor 2)',
      'src/kit/kit.ts (src/kit, floor 3) imports src/cli/main.ts (src/cli, floor 4)',
    ]);
    expect(importsOf('src/x/a.ts', "const m = await import('../protocol/index.ts');\nexport { a } from './b.ts';")).toEqual([
      'src/protocol/index.ts',
      'src/x/b.ts',
    ]);
  });

  it('the kit, the suites, the vitest setup and the CLI use the mock only through src/mock/index.ts', () => {
    const files = Object.keys(FLOORS).flatMap(sourceFiles);
    expect(bypasses(files)).toEqual([]);
    const imports: Record<string, string[]> = {
      'src/kit/kit.ts': ['src/mock/state/journal.ts', 'src/mock/index.ts'],
      'src/mock/router.ts': ['src/mock/admin/admin-api.ts'],
    };
    expect(bypasses(Object.keys(imports), (file) => imports[file]!)).toEqual(['src/kit/kit.ts imports src/mock/state/journal.ts, not src/mock/index.ts']);
  });
});

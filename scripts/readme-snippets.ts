/**
 * Writes the README's TypeScript blocks into a consumer project (argv: README, folder): a block
 * named after its language (```ts vitest.config.ts) under that name, any other as
 * readme-snippet-N.ts, a script to run. Prints the scripts' names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks } from '../test/readme/readme-blocks.ts';

const [readme, folder] = process.argv.slice(2);
if (!readme || !folder) throw new Error('usage: readme-snippets.ts README.md <folder>');
const scripts: string[] = [];
for (const block of readmeBlocks(readFileSync(readme, 'utf8')).filter((b) => b.lang === 'ts' && b.skip === undefined)) {
  const name = block.file ?? `readme-snippet-${scripts.push(`readme-snippet-${scripts.length + 1}`)}.ts`;
  writeFileSync(join(folder, name), `// README.md line ${block.line}\n${block.code}`);
}
process.stdout.write(scripts.join(' '));

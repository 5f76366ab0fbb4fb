#!/usr/bin/env node
// Runs the compiled CLI: dist/ is built by `npm run build`, on `npm install` in a clone and before packing.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('apig-kit: dist/ is missing; run `npm run build` (`npm install` in a clone builds it) first\n');
  process.exit(1);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));

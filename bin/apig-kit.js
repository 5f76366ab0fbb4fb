#!/usr/bin/env node
// Runs the compiled CLI: dist/ is built by `npm run build`, on `npm install` in a clone and before packing.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('apig-kit: dist/ is missing; run `npm run build` (`npm install` in a clone builds it) first\n');
  process.exit(1);
}
// `apig-kit … | head`: the reader has gone, so there is nobody left to write to; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));

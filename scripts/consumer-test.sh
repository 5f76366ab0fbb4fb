#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, installed into a fresh project, used from plain Node
# (ESM and CommonJS), from TypeScript (strict; nodenext and bundler resolution), from vitest (the
# globalSetup, msw, supertest) and as `npx apig-kit`. Exits non-zero when any of it fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/apig-kit-consumer-XXXXXX")"
mock_pid=""
cleanup() {
  # npx runs the bin in a child process: the whole process group goes.
  [ -z "$mock_pid" ] || kill -- "-$mock_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== npm pack"
(cd "$root" && npm pack --json --pack-destination "$work" > "$work/pack.json")
read -r tarball files size unpacked < <(node -e '
  const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(p.filename, p.entryCount, p.size, p.unpackedSize);
' "$work/pack.json")
echo "tarball $tarball: $files files, $((size / 1024)) kB packed, $((unpacked / 1024)) kB unpacked"
if node -e '
  const [p] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const stray = p.files.map((f) => f.path).filter((f) => /^(test|bench|suites|scripts|\.ci)\/|tsconfig|\.test\.|\.map$|^src\//.test(f));
  if (stray.length) { console.error("the tarball carries files it should not:", stray.join(", ")); process.exit(1); }
' "$work/pack.json"; then :; else exit 1; fi

echo "== install into a fresh project"
app="$work/app"
mkdir -p "$app"
cp "$root"/scripts/consumer/* "$app/"
version() { node -p "require('$root/node_modules/$1/package.json').version"; }
(cd "$app" && cat > package.json <<JSON
{ "name": "apig-kit-consumer", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$work/$tarball" \
  "msw@$(version msw)" "vitest@$(version vitest)" "supertest@$(version supertest)" "@types/supertest@$(version @types/supertest)" \
  "typescript@$(version typescript)" "@types/node@$(version @types/node)" >/dev/null)
# The README's TypeScript: its scripts are type-checked and run below, its vitest files run with the rest.
snippets=$(cd "$root" && node --import tsx scripts/readme-snippets.ts README.md "$app")
cd "$app"
for absent in tsx esbuild @types/express @types/busboy; do
  if [ -e "node_modules/$absent" ]; then echo "node_modules/$absent is installed: the consumer test would not show what a user lacks"; exit 1; fi
done

echo "== plain Node"
node smoke.mjs
node require.cjs

echo "== tsc --noEmit (strict, nodenext)"
npx tsc -p tsconfig.nodenext.json
echo "== tsc --noEmit (strict, bundler)"
npx tsc -p tsconfig.bundler.json

echo "== the README's TypeScript snippets, compiled and run: $snippets"
npx tsc -p tsconfig.readme.json
for snippet in $snippets; do
  node "readme-out/$snippet.js" > "$snippet.out" || { cat "$snippet.out"; echo "README snippet $snippet failed"; exit 1; }
  # What a `console.log(…);   // shown` line says it prints must be in the output.
  node -e '
    const fs = require("fs");
    const [snippet] = process.argv.slice(1);
    const output = fs.readFileSync(`${snippet}.out`, "utf8");
    for (const [, shown] of fs.readFileSync(`${snippet}.ts`, "utf8").matchAll(/console\.log\(.*\);\s+\/\/ (.*)$/gm)) {
      if (!output.includes(shown.trim())) { console.error(`${snippet}: the README says it prints ${shown}, it printed:\n${output}`); process.exit(1); }
    }
  ' "$snippet"
done

echo "== vitest with apig-kit/vitest (the README's setup), msw and supertest"
npx vitest run --reporter=dot

echo "== npx apig-kit"
[ "$(npx apig-kit --version)" = "$(node -p "require('apig-kit/package.json').version")" ]
setsid npx apig-kit mock --json --port 0 > mock.out &
mock_pid=$!
for _ in $(seq 1 100); do [ -s mock.out ] && break; sleep 0.1; done
node -e '
  const { url, world } = JSON.parse(require("fs").readFileSync("mock.out", "utf8").split("\n")[0]);
  fetch(`${url}/_apig-kit/world`).then(async (r) => {
    const body = await r.json();
    if (r.status !== 200 || body.services.length !== world.services.length) throw new Error(`GET /_apig-kit/world: ${r.status}`);
    console.log(`apig-kit mock --json: listening on ${url}, ${world.services.length} services`);
  }).catch((e) => { console.error(e); process.exit(1); });
'
echo "consumer test passed: $files files, $((size / 1024)) kB"

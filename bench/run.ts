/**
 * `npm run bench [-- --quick] [-- --only signer,verify-body,gateway]`: the three benchmarks of
 * bench/README.md, measured in one run, printed side by side with their ratios, and written to
 * reports/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import { join } from 'node:path';
import { parseScriptArgs, SCRIPT_EXIT_CODES } from '../scripts/script-args.ts';
import { benchGateway, type GatewayResult } from './gateway.ts';
import { benchSigner, type SignerResult } from './signer.ts';
import { formatRatios, formatRows, type Ratio, ratio, type Row } from './support/report.ts';
import { benchSettings } from './support/settings.ts';
import { benchVerifyBody, type VerifyBodyResult } from './verify-body.ts';

const BENCHMARKS = ['signer', 'verify-body', 'gateway'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const USAGE = `
Usage: npm run bench [-- --quick] [-- --only ${BENCHMARKS.join(',')}]

Measures the benchmarks of bench/README.md in one run, prints them side by side with their ratios
and whether each meets its target, and writes reports/bench.json.

  --quick          shorter runs (a smoke check, not figures to quote)
  --only <names>   comma-separated: ${BENCHMARKS.join(', ')} (default: all)
  -h, --help       this text

${SCRIPT_EXIT_CODES} A missed target is a failed check.
`;
const values = parseScriptArgs(USAGE, { quick: { type: 'boolean', default: false }, only: { type: 'string' } });
const selected = new Set<BenchmarkName>(values.only === undefined ? BENCHMARKS : (values.only.split(',').map((name) => name.trim()) as BenchmarkName[]));
for (const name of selected) {
  if (!BENCHMARKS.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}" (one of ${BENCHMARKS.join(', ')})\n\n${USAGE.trim()}\n`);
    process.exit(2);
  }
}
const settings = benchSettings(values.quick);

const machine = {
  node: process.version,
  platform: `${platform()} ${release()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
};
console.log(
  `apig-kit benchmarks (${settings.profile}) — Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), load ${machine.loadAverageAtStart.join(' ')}`,
);

const rows: Row[] = [];
const ratios: Ratio[] = [];
const results: { signer?: SignerResult; verifyBody?: VerifyBodyResult; gateway?: GatewayResult } = {};
const started = performance.now();

if (selected.has('signer')) {
  console.log('… signer: signRequest vs the official SDK signer');
  const r = (results.signer = benchSigner(settings.signer));
  for (const shape of r.shapes) {
    rows.push({ benchmark: `sign: ${shape.shape}`, contender: 'apig-kit signRequest', unit: 'ops/s', summary: shape.ours });
    rows.push({ benchmark: `sign: ${shape.shape}`, contender: `official SDK ${r.sdkVersion}`, unit: 'ops/s', summary: shape.official });
  }
  ratios.push(ratio('signer / official SDK (signatures/s, mix of shapes)', r.oursMixed / r.officialMixed, 3, 'higher'));
}

if (selected.has('verify-body')) {
  console.log('… verify-body: verifyRequest on a 12 MB body vs one SHA-256');
  const r = (results.verifyBody = await benchVerifyBody(settings.verifyBody));
  const mb = `${r.bodyBytes / 1024 / 1024} MB`;
  rows.push({ benchmark: `verify ${mb} body`, contender: 'verifyRequest, one buffer', unit: 'ms', summary: r.verifyMs });
  rows.push({ benchmark: `verify ${mb} body`, contender: 'verifyRequest, 64 KB chunks', unit: 'ms', summary: r.verifyChunkedMs });
  rows.push({ benchmark: `verify ${mb} body`, contender: 'raw SHA-256', unit: 'ms', summary: r.rawHashMs });
  ratios.push(ratio('12 MB verify / raw SHA-256 (time)', r.verifyMs.median / r.rawHashMs.median, 1.3, 'lower'));
}

if (selected.has('gateway')) {
  const g = settings.gateway;
  console.log(`… gateway: autocannon, ${g.connections} connections, ${g.repetitions} × ${g.durationSeconds} s per server, throttling OFF`);
  const r = (results.gateway = await benchGateway(g));
  rows.push({ benchmark: 'HTTP POST, loopback', contender: 'mock gateway, AK/SK verified', unit: 'req/s', summary: r.gateway.requestsPerSecond });
  rows.push({ benchmark: 'HTTP POST, loopback', contender: 'bare Express echo route', unit: 'req/s', summary: r.bareExpress.requestsPerSecond });
  ratios.push(ratio('gateway / bare Express (requests/s)', r.gateway.requestsPerSecond.median / r.bareExpress.requestsPerSecond.median, 0.8, 'higher'));
  const [gatewayCpu, bareCpu] = [r.gateway.cpuMicrosPerRequest, r.bareExpress.cpuMicrosPerRequest];
  if (gatewayCpu && bareCpu) {
    // Not a target: a second view of the same runs, which other load on the machine hardly moves.
    rows.push({ benchmark: 'server CPU per request', contender: 'mock gateway, AK/SK verified', unit: 'µs', summary: gatewayCpu });
    rows.push({ benchmark: 'server CPU per request', contender: 'bare Express echo route', unit: 'µs', summary: bareCpu });
  }
}

console.log(`\n${formatRows(rows)}\n\n${formatRatios(ratios)}`);
if (results.gateway) {
  const latency = (t: GatewayResult['gateway']) => `p50 ${t.latencyP50Ms.median} ms, ${t.runs[0]?.bytesPerResponse ?? 0} B/response`;
  console.log(`\ngateway: ${latency(results.gateway.gateway)}; bare Express: ${latency(results.gateway.bareExpress)}; every response 200, throttling off`);
}

const reportPath = join(import.meta.dirname, '..', 'reports', 'bench.json');
mkdirSync(join(reportPath, '..'), { recursive: true });
const report = {
  generatedAt: new Date().toISOString(),
  profile: settings.profile,
  machine,
  settings,
  durationSeconds: Math.round((performance.now() - started) / 1000),
  ratios,
  rows,
  results,
};
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n${ratios.filter((r) => r.pass).length}/${ratios.length} targets met · ${report.durationSeconds} s · written to reports/bench.json`);
if (ratios.some((r) => !r.pass)) process.exitCode = 1;

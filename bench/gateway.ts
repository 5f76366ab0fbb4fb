import { fileURLToPath } from 'node:url';
import { DEMO_CREDENTIALS, DEMO_SERVICE_IDS } from '../src/mock/config/demo-world.ts';
import { signRequest } from '../src/protocol/index.ts';
import { type ChildServer, startChildServer } from './support/child-server.ts';
import { type LoadRequest, type LoadResult, type LoadSettings, runLoad } from './support/load.ts';
import { processCpuMicros } from './support/process-cpu.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface GatewaySettings extends LoadSettings {
  repetitions: number;
  warmupSeconds: number;
}

export interface TargetResult {
  requestsPerSecond: Summary;
  latencyP50Ms: Summary;
  /** The server process's CPU time per request (µs), where /proc tells it. */
  cpuMicrosPerRequest: Summary | undefined;
  runs: LoadResult[];
}

export interface GatewayResult {
  settings: GatewaySettings;
  gateway: TargetResult;
  bareExpress: TargetResult;
}

const SERVERS = {
  gateway: fileURLToPath(new URL('./servers/gateway-server.mjs', import.meta.url)),
  bareExpress: fileURLToPath(new URL('./servers/bare-express-server.mjs', import.meta.url)),
};

export const LOAD_BODY = JSON.stringify({ data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } });

/**
 * One AK/SK-signed POST to the gateway's echo service, signed now. autocannon repeats it as is:
 * the gateway accepts a replay within the 15-minute skew window, and only failures count towards
 * the AK lockout, so every repeat is verified in full and answered 200.
 */
export function signedLoadRequest(baseUrl: string, now = Date.now()): LoadRequest {
  const url = `${baseUrl}/v1/infers/${DEMO_SERVICE_IDS.echo}`;
  const headers = { host: new URL(baseUrl).host, 'content-type': 'application/json' };
  const signed = signRequest(
    { method: 'POST', url, headers, body: LOAD_BODY },
    { accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey },
    { date: now },
  );
  return { url, method: 'POST', headers: { ...headers, ...signed.headers }, body: LOAD_BODY };
}

/** The same request (headers and body) to the bare route: it ignores the signature headers. */
function bareLoadRequest(baseUrl: string, signed: LoadRequest): LoadRequest {
  const url = `${baseUrl}/v1/infers/${DEMO_SERVICE_IDS.echo}`;
  return { ...signed, url, headers: { ...signed.headers, host: new URL(baseUrl).host } };
}

/** A single call first: a target that does not answer 200 is not worth loading. */
async function expectOk(request: LoadRequest, name: string): Promise<void> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${name} answered ${response.status} to the benchmark request: ${text.slice(0, 300)}`);
}

/** A run where any response was not 2xx, or any request failed, measured something else. */
function assertClean(run: LoadResult, name: string): void {
  if (run.total === 0 || run.non2xx > 0 || run.errors > 0 || run.timeouts > 0) {
    throw new Error(`${name}: invalid run (${run.total} requests, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts)`);
  }
}

const targetResult = (runs: LoadResult[], cpuPerRequest: number[]): TargetResult => ({
  requestsPerSecond: summarize(runs.map((r) => r.requestsPerSecond)),
  latencyP50Ms: summarize(runs.map((r) => r.latencyP50Ms)),
  cpuMicrosPerRequest: cpuPerRequest.length === runs.length && runs.length > 0 ? summarize(cpuPerRequest) : undefined,
  runs,
});

/**
 * Loads the gateway and the bare Express app, each in its own process, with autocannon from this
 * one: warm-up, then alternating runs (gateway, bare, bare, gateway, …) with the same settings.
 */
export async function benchGateway(settings: GatewaySettings): Promise<GatewayResult> {
  const servers: Partial<Record<keyof typeof SERVERS, ChildServer>> = {};
  try {
    servers.gateway = await startChildServer(SERVERS.gateway);
    servers.bareExpress = await startChildServer(SERVERS.bareExpress);
    const gatewayRequest = signedLoadRequest(servers.gateway.url);
    const requests = { gateway: gatewayRequest, bareExpress: bareLoadRequest(servers.bareExpress.url, gatewayRequest) };
    const names = ['gateway', 'bareExpress'] as const;
    for (const name of names) await expectOk(requests[name], name);
    if (settings.warmupSeconds > 0) {
      for (const name of names) assertClean(await runLoad(requests[name], { ...settings, durationSeconds: settings.warmupSeconds }), `${name} warm-up`);
    }
    const runs = { gateway: [] as LoadResult[], bareExpress: [] as LoadResult[] };
    const cpu = { gateway: [] as number[], bareExpress: [] as number[] };
    for (let r = 0; r < settings.repetitions; r++) {
      for (const name of r % 2 === 0 ? names : [...names].reverse()) {
        const cpuBefore = processCpuMicros(servers[name]!.pid);
        const run = await runLoad(requests[name], settings);
        const cpuAfter = processCpuMicros(servers[name]!.pid);
        assertClean(run, name);
        runs[name].push(run);
        if (cpuBefore !== undefined && cpuAfter !== undefined) cpu[name].push((cpuAfter - cpuBefore) / run.total);
      }
    }
    return { settings, gateway: targetResult(runs.gateway, cpu.gateway), bareExpress: targetResult(runs.bareExpress, cpu.bareExpress) };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

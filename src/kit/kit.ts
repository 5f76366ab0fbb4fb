import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tlsFetch } from '../clients/tls.ts';
import { resolveConfig, startGateway } from '../mock/index.ts';
import { credentialEnv, isVariantOf, knownSecrets, TokenMint } from './credentials.ts';
import { maskForReport } from './mask.ts';
import { planRequest } from './request-plan.ts';
import { isFailure, type Outcome, type RunReport, type ScenarioResult, summarize } from './results.ts';
import { runClient } from './run-client.ts';
import type { Scenario } from './scenario.ts';
import { judge } from './verdict.ts';

export interface ClientUnderTest {
  name: string;
  command: string;
}

export interface KitOptions {
  clients: readonly ClientUnderTest[];
  scenarios: readonly Scenario[];
  knownFailing?: ReadonlyMap<string, string>;
  timeoutMs?: number;
  cwd?: string;
  /**
   * Serve the mock over HTTPS only, with a certificate made for the run: each client gets the file
   * to trust in APIG_CA_FILE and the variables common tools read (trustEnv).
   */
  https?: boolean;
  /** Called as each case ends, for progress output. */
  onResult?: (result: ScenarioResult, index: number, total: number) => void;
}

export const DEFAULT_CLIENT_TIMEOUT_MS = 60_000;

function settle(judged: 'passed' | 'failed' | 'skipped', known: string | undefined): Outcome {
  if (known === undefined || judged === 'skipped') return judged;
  return judged === 'failed' ? 'xfail' : 'xpass';
}

/**
 * Runs every client against every scenario on a fresh in-process mock gateway. Each case starts
 * from a reset gateway (clock, lockouts, throttles), and its verdict is read from the journal
 * entries recorded while the client ran.
 */
export async function runKit(options: KitOptions): Promise<RunReport> {
  const config = resolveConfig();
  const running = await startGateway({ config, tls: options.https ? { only: true } : undefined });
  const trust = running.https ? trustEnv(running.https.certificateFile) : {};
  const workDir = await mkdtemp(join(tmpdir(), 'apig-kit-conformance-'));
  const serviceIds = new Map(config.world.services.map((s) => [s.name, s.id]));
  const mint = new TokenMint(running.gateway, running.url, running.https ? tlsFetch({ ca: running.https.certificatePem }) : undefined);
  const results: ScenarioResult[] = [];
  const total = options.clients.length * options.scenarios.length;
  const startedAt = new Date().toISOString();
  try {
    for (const client of options.clients) {
      for (const scenario of options.scenarios) {
        const result = await runCase(client, scenario, { ...options, endpoint: running.url, trust, serviceIds, mint, workDir, gateway: running.gateway });
        results.push(result);
        options.onResult?.(result, results.length, total);
      }
    }
  } finally {
    await running.close();
    await rm(workDir, { recursive: true, force: true });
  }
  return {
    tool: 'apig-kit conformance',
    startedAt,
    endpoint: running.url,
    clients: options.clients.map((c) => ({ ...c })),
    results,
    summary: summarize(results),
  };
}

/**
 * The certificate to trust, in the contract's own variable and in those common tools read: OpenSSL
 * (SSL_CERT_FILE), curl (CURL_CA_BUNDLE), Python requests (REQUESTS_CA_BUNDLE), Node
 * (NODE_EXTRA_CA_CERTS). Java reads none of them: a Java client loads APIG_CA_FILE itself.
 * The first three replace the system's CAs for that run, which only ever calls the mock.
 */
export function trustEnv(certificateFile: string): Record<string, string> {
  return {
    APIG_CA_FILE: certificateFile,
    SSL_CERT_FILE: certificateFile,
    CURL_CA_BUNDLE: certificateFile,
    REQUESTS_CA_BUNDLE: certificateFile,
    NODE_EXTRA_CA_CERTS: certificateFile,
  };
}

interface CaseContext extends KitOptions {
  endpoint: string;
  trust: Record<string, string>;
  serviceIds: Map<string, string>;
  mint: TokenMint;
  workDir: string;
  gateway: Awaited<ReturnType<typeof startGateway>>['gateway'];
}

async function runCase(client: ClientUnderTest, scenario: Scenario, context: CaseContext): Promise<ScenarioResult> {
  const base = {
    client: client.name,
    scenario: scenario.id,
    title: scenario.title,
    auth: scenario.auth,
    credentials: scenario.credentials,
    expected: scenario.expect.outcome === 'accepted' ? `${scenario.expect.status} accepted` : `${scenario.expect.status} ${scenario.expect.errorCode}`,
    knownFailing: context.knownFailing?.get(scenario.id),
  };
  if (!isVariantOf(scenario.auth, scenario.credentials)) {
    return {
      ...base,
      outcome: 'failed',
      message: `the scenario is invalid: credentials "${scenario.credentials}" do not apply to ${scenario.auth}`,
      evidence: [],
      durationMs: 0,
      exitCode: null,
      output: '',
    };
  }
  const plan = await planRequest(scenario, context.serviceIds, context.endpoint, context.workDir);
  // Reset before the credentials are minted: a reset forgets the temporary credentials IAM issued.
  context.gateway.reset();
  const credentials = await credentialEnv(scenario.auth, scenario.credentials, { endpoint: context.endpoint, mint: context.mint });
  const env: Record<string, string> = {
    ...context.trust,
    ...credentials,
    APIG_SCENARIO: scenario.id,
    APIG_SCENARIO_FILE: scenario.file,
    APIG_AUTH: scenario.auth,
    APIG_ENDPOINT: context.endpoint,
    APIG_METHOD: scenario.request.method,
    APIG_URL: plan.url,
    APIG_HEADERS: plan.headerLines,
    APIG_BODY_KIND: plan.body.kind,
  };
  if (plan.body.kind === 'json') Object.assign(env, { APIG_BODY_FILE: plan.body.file, APIG_CONTENT_TYPE: plan.body.contentType });
  if (plan.body.kind === 'file')
    Object.assign(env, { APIG_FILE_FIELD: plan.body.field, APIG_FILE_PATH: plan.body.path, APIG_FILE_CONTENT_TYPE: plan.body.contentType });

  const mark = context.gateway.journal.lastSequence;
  const run = await runClient(client.command, env, { timeoutMs: context.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS, cwd: context.cwd });
  const entries = context.gateway.journal.list({ since: mark });
  const judgement = judge(scenario, plan, entries, run);
  const secrets = knownSecrets(context.mint.issued());
  const output = maskForReport([run.stdout.trim(), run.stderr.trim()].filter(Boolean).join('\n'), secrets);
  const outcome = settle(judgement.status, base.knownFailing);
  const message =
    outcome === 'xpass'
      ? `passed, but it is on the known-failing list: remove it from there (${judgement.message})`
      : outcome === 'xfail'
        ? `known failure: ${judgement.message}`
        : judgement.message;
  return {
    ...base,
    observed: judgement.observed ? `${judgement.observed.status}${judgement.observed.errorCode ? ` ${judgement.observed.errorCode}` : ' accepted'}` : undefined,
    outcome,
    message: maskForReport(message, secrets),
    evidence: judgement.evidence.map((line) => maskForReport(line, secrets)),
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    output,
    exchange: judgement.decisive,
  };
}

export const kitFailed = (report: RunReport) => report.results.some((r) => isFailure(r.outcome));

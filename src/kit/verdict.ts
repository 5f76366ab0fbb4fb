import type { JournalEntry } from '../mock/index.ts';
import { IAM_TOKENS_PATH, parseWireQuery, percentDecodeToBytes } from '../protocol/index.ts';
import type { RequestPlan } from './request-plan.ts';
import type { ClientRun } from './run-client.ts';
import { signatureEvidence } from './signature-evidence.ts';
import type { Scenario } from './scenario.ts';

/** The exit code a client uses to say "this case is not for me" (e.g. cURL cannot sign). */
export const NOT_APPLICABLE_EXIT = 3;

export interface Judgement {
  status: 'passed' | 'failed' | 'skipped';
  /** One line. */
  message: string;
  /** What was observed, in words, line by line (no secret: the journal is redacted). */
  evidence: string[];
  /** The service call that decided, if any. */
  decisive?: JournalEntry | undefined;
  observed?: { status: number; errorCode?: string | undefined } | undefined;
}

const isIamCall = (entry: JournalEntry) => entry.target.split('?')[0] === IAM_TOKENS_PATH;

/** Decoded as the gateway decodes a path (percent-escapes to bytes, read as UTF-8). */
const decodePath = (path: string) => percentDecodeToBytes(path).toString('utf8');

const pairsText = (pairs: ReadonlyArray<readonly [string, string]>) => (pairs.length === 0 ? '(none)' : pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const sortedPairs = (pairs: ReadonlyArray<readonly [string, string]>) => [...pairs].map(([k, v]) => `${k}\u0000${v}`).sort();

/** What the model got, checked against what the scenario asked the client to send. */
function checkForwarded(scenario: Scenario, plan: RequestPlan, entry: JournalEntry): string[] {
  const problems: string[] = [];
  const forwarded = entry.forwarded;
  if (!forwarded) return ['the journal does not say what the model received'];
  if (entry.serviceId !== plan.serviceId) problems.push(`it reached service ${entry.serviceId ?? '(none)'}, not ${plan.serviceId}`);
  if (entry.method !== scenario.request.method) problems.push(`the method was ${entry.method}, not ${scenario.request.method}`);
  const subPath = decodePath(forwarded.subPath);
  const wanted = plan.subPath;
  if (subPath !== wanted && !(wanted === '' && subPath === '/')) problems.push(`the model got sub-path "${subPath}", not "${wanted}"`);
  const received = parseWireQuery(forwarded.query).map((p) => [p.key.toString('utf8'), p.value.toString('utf8')] as [string, string]);
  const expected = scenario.request.query;
  if (JSON.stringify(sortedPairs(received)) !== JSON.stringify(sortedPairs(expected))) {
    problems.push(`the model got query ${pairsText(received)}, not ${pairsText(expected)}`);
  }
  const { body } = plan;
  if (body.kind === 'json' && forwarded.bodySha256 !== body.sha256) {
    problems.push(
      `the body the model got (${entry.bodyBytes} bytes, sha256 ${forwarded.bodySha256.slice(0, 12)}…) is not the scenario's (${body.bytes.length} bytes, sha256 ${body.sha256.slice(0, 12)}…)`,
    );
  }
  if (body.kind === 'file' && !/^multipart\/form-data/i.test(entry.headers['content-type'] ?? '')) {
    problems.push(`the upload was sent as ${entry.headers['content-type'] ?? 'no content type'}, not multipart/form-data`);
  }
  if (body.kind === 'none' && entry.bodyBytes !== 0) problems.push(`a body of ${entry.bodyBytes} bytes was sent where none was asked for`);
  return problems;
}

function describeEntry(entry: JournalEntry): string[] {
  const lines = [
    `${entry.method} ${entry.target} → ${entry.status}${entry.errorCode ? ` ${entry.errorCode}` : ''} (${entry.verdict}${entry.rule ? `, ${entry.rule}` : ''})`,
  ];
  if (entry.detail) lines.push(`  gateway: ${entry.detail}`);
  return lines;
}

/** The verdict for one scenario, from the journal entries recorded while the client ran. */
export function judge(scenario: Scenario, plan: RequestPlan, entries: readonly JournalEntry[], run: ClientRun): Judgement {
  const calls = entries.filter((e) => !isIamCall(e));
  const evidence = entries.flatMap(describeEntry);
  if (run.timedOut) return { status: 'failed', message: `the client did not finish in time (${run.durationMs} ms)`, evidence };
  const decisive = calls.at(-1);
  if (!decisive) {
    if (run.exitCode === NOT_APPLICABLE_EXIT) {
      const why = (run.stdout.trim() || run.stderr.trim()).split('\n')[0] || 'no reason given';
      return { status: 'skipped', message: `not applicable to this client: ${why}`, evidence };
    }
    const iam = entries.length > 0 ? ` (it called IAM ${entries.length} time(s))` : '';
    return { status: 'failed', message: `the client sent no request to the service${iam}; exit code ${run.exitCode ?? run.signal}`, evidence };
  }
  if (calls.length > 1) evidence.push(`the client called the service ${calls.length} times; the last call decides`);
  evidence.push(...signatureEvidence(decisive));
  const observed = { status: decisive.status, errorCode: decisive.errorCode };
  const { expect } = scenario;

  if (expect.outcome === 'refused') {
    if (decisive.status === expect.status && decisive.errorCode === expect.errorCode) {
      return { status: 'passed', message: `refused as expected: ${expect.status} ${expect.errorCode}`, evidence, decisive, observed };
    }
    const got = decisive.verdict === 'accepted' ? `${decisive.status}, accepted` : `${decisive.status} ${decisive.errorCode ?? ''}`.trim();
    return { status: 'failed', message: `expected ${expect.status} ${expect.errorCode}, got ${got}`, evidence, decisive, observed };
  }

  if (decisive.verdict !== 'accepted' || decisive.status !== expect.status) {
    const why = decisive.detail ? `: ${decisive.detail}` : '';
    return {
      status: 'failed',
      message: `expected ${expect.status} accepted, got ${decisive.status} ${decisive.errorCode ?? ''}${why}`.replace(/ +:/, ':'),
      evidence,
      decisive,
      observed,
    };
  }
  const problems = checkForwarded(scenario, plan, decisive);
  if (problems.length > 0) return { status: 'failed', message: `accepted, but ${problems[0]}`, evidence: [...evidence, ...problems], decisive, observed };
  return { status: 'passed', message: `accepted: ${decisive.status}`, evidence, decisive, observed };
}

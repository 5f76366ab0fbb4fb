/**
 * Hostile input, in-process: FUZZ_REQUESTS (default 4,000; `npm run fuzz` sends 100,000) random and
 * mutated requests straight into Gateway.handle. Every answer must be documented (a catalogue error,
 * a Keystone error on the IAM path, or a model's answer), never a 500 or an internal error, and
 * the oracle of each case must hold: a broken signature, token or key is never accepted, and an
 * intact valid request always is.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S, demoWorld } from '../../src/mock/config/demo-world.ts';
import { createGatewayCore, type Gateway } from '../../src/mock/gateway.ts';
import { splitRequestTarget } from '../../src/protocol/index.ts';
import { gatewayAnswerProblem, iamAnswerProblem } from './support/answers.ts';
import { FROZEN_AT, type FuzzCase, type FuzzTokens, HOST, hostileRequests } from './support/fuzz-cases.ts';
import { toGatewayRequest } from './support/wire-request.ts';

const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 4000);
const BASE_URL = `http://${HOST}`;

/** Frozen clock (signatures made at FROZEN_AT stay valid), no throttle, no lockout: every refusal is the request's own fault. */
function fuzzGateway(): Gateway {
  return createGatewayCore({
    world: { services: demoWorld().services.map((s) => (s.id === S.slow ? { ...s, delayMs: 1 } : s)) },
    clock: { start: FROZEN_AT, frozen: true },
    limits: { apiRateLimitPerSecond: 0, akLockoutFailures: 2 ** 30 },
    behaviour: { journalSize: 16 },
  });
}

async function login(gateway: Gateway, user: string, password: string, account: string, scope: object): Promise<string> {
  const body = new TextEncoder().encode(
    JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: user, password, domain: { name: account } } } }, scope } }),
  );
  const response = await gateway.handle(
    toGatewayRequest({
      method: 'POST',
      target: '/v3/auth/tokens',
      headers: [['content-type', 'application/json']],
      body,
      chunkSizes: [],
      declaredLength: 'exact',
    }),
    BASE_URL,
  );
  expect(response.status).toBe(201);
  return String(response.headers['X-Subject-Token']);
}

interface Tally {
  accepted: number;
  codes: Map<string, number>;
}

/** Undefined when the answer and the journal agree with the case; else what went wrong. */
async function sendAndCheck(gateway: Gateway, c: FuzzCase, tally: Tally): Promise<string | undefined> {
  const before = gateway.journal.lastSequence;
  const response = await gateway.handle(toGatewayRequest(c.request), BASE_URL);
  const entry = gateway.journal.list({ since: before })[0];
  if (response.headers['Server'] !== 'api-gateway' || !/^[0-9a-f]{32}$/.test(String(response.headers['X-Request-Id']))) return 'missing gateway headers';
  const { path } = splitRequestTarget(c.request.target);
  if (path === '/v3/auth/tokens') {
    const problem = iamAnswerProblem(c.request.method, response, entry);
    if (problem) return problem;
    if (c.mustAccept && response.status !== 201) return `a good login got ${response.status}`;
    return undefined;
  }
  const problem = gatewayAnswerProblem(path, response, entry);
  if (problem) return problem;
  const accepted = entry!.verdict === 'accepted';
  if (accepted && !c.acceptable) return `accepted, but the case is broken (${entry!.auth}, ${entry!.principal})`;
  if (!accepted && c.mustAccept) return `refused a valid request: ${entry!.rule} ${entry!.detail}`;
  if (accepted) tally.accepted++;
  else tally.codes.set(entry!.errorCode!, (tally.codes.get(entry!.errorCode!) ?? 0) + 1);
  return undefined;
}

describe(`hostile input: ${REQUESTS} fuzzed requests through Gateway.handle`, () => {
  let gateway: Gateway;
  let tokens: FuzzTokens;

  beforeAll(async () => {
    gateway = fuzzGateway();
    tokens = {
      project: await login(gateway, C.user, C.password, C.account, { project: { name: 'cn-north-4' } }),
      otherAccount: await login(gateway, C.otherUser, C.otherPassword, C.otherAccount, { project: { name: 'cn-north-4' } }),
      domain: await login(gateway, C.user, C.password, C.account, { domain: { name: C.account } }),
    };
  });

  it('answers every request as documented, accepts only what is correctly authorised, and all of that', async () => {
    const tally: Tally = { accepted: 0, codes: new Map() };
    await fc.assert(
      fc.asyncProperty(hostileRequests(tokens), async (c) => {
        const problem = await sendAndCheck(gateway, c, tally);
        if (problem) throw new Error(`${c.label}: ${problem}`);
      }),
      { numRuns: REQUESTS },
    );
    if (process.env['FUZZ_VERBOSE']) console.log(tally.accepted, [...tally.codes].sort());
    // The mix must really reach the models and many refusals, or the property proves little.
    expect(tally.accepted).toBeGreaterThan(REQUESTS / 20);
    expect(tally.codes.size).toBeGreaterThanOrEqual(8);
    expect(gateway.journal.size).toBeLessThanOrEqual(16);
  }, 600_000);
});

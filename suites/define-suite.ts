/**
 * One vitest suite per auth method: each case is a test named `<method>/<case>: <title>` that
 * records what it observed in `task.meta.conformance` (read by suites/run-suites.ts for the
 * matrix, JUnit and parity) and skips with a visible reason via `ctx.skip(reason)`.
 */
import { afterAll, assert, beforeAll, describe, it } from 'vitest';
import {
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  AkSkAuthenticator,
  type Authenticator,
  InferenceClient,
  TokenAuthenticator,
  TokenProvider,
} from '../src/clients/index.ts';
import { type CaseContext, caseId, casesFor, type ConformanceCase } from './cases.ts';
import { type Expected, formatExpected, formatObservation, matches, type Observation } from './observation.ts';
import { type MethodId, resolveTarget, type Target } from './target.ts';

export interface CaseMeta {
  id: string;
  method: MethodId;
  case: string;
  kind: 'happy' | 'negative';
  expected: Expected;
  observed?: Observation | undefined;
  skipReason?: string | undefined;
}

declare module 'vitest' {
  interface TaskMeta {
    conformance?: CaseMeta;
  }
}

function authenticatorFor(target: Target, method: MethodId): Authenticator {
  const c = target.credentials;
  switch (method) {
    case 'token':
      return new TokenAuthenticator(new TokenProvider({ login: c.login! }));
    case 'aksk':
      return new AkSkAuthenticator(c.aksk!);
    case 'app':
      return new AppSignatureAuthenticator(c.app!);
    case 'appcode':
      return new AppCodeAuthenticator(c.appCode!);
    case 'apikey':
      return new ApiKeyAuthenticator(c.app!.appKey);
  }
}

/** Why `kase` cannot run for `method` on `target`, or undefined. */
export function skipReason(target: Target, method: MethodId, kase: ConformanceCase): string | undefined {
  const unavailable = target.unavailable(method);
  if (unavailable) return unavailable;
  if (kase.kind === 'negative' && !target.capabilities.negatives) return 'negative cases run on live only with APIG_LIVE_NEGATIVE=1';
  if (kase.requires === 'clock' && !target.capabilities.clock) return 'needs a controllable gateway clock (mock only)';
  if (kase.requires === 'slowBackend' && !target.capabilities.slowBackend) return "needs a backend slower than the gateway's timeout on demand (mock only)";
  if (kase.requires === 'unboundApp' && !target.credentials.unboundApp)
    return 'no app that is not bound to the service: set APIG_LIVE_UNBOUND_APP_KEY, APIG_LIVE_UNBOUND_APP_SECRET';
  return undefined;
}

export function defineMethodSuite(method: MethodId): void {
  describe(method, () => {
    let target: Target;
    let context: CaseContext;

    beforeAll(async () => {
      target = await resolveTarget();
      const services = method === 'token' || method === 'aksk' ? target.iam : target.app;
      const auth = target.unavailable(method) ? undefined : authenticatorFor(target, method);
      context = {
        target,
        method,
        services: services!,
        auth: auth!,
        client: (options = {}) => new InferenceClient({ serviceUrl: services!.json, auth: auth!, ...options }),
      };
    });

    afterAll(async () => {
      await target?.close();
    });

    for (const kase of casesFor(method)) {
      it(`${caseId(method, kase.name)}: ${kase.title}`, async (ctx) => {
        const expected = kase.expected(method);
        const meta: CaseMeta = { id: caseId(method, kase.name), method, case: kase.name, kind: kase.kind, expected };
        ctx.task.meta.conformance = meta;
        const reason = skipReason(target, method, kase);
        if (reason) {
          meta.skipReason = reason;
          ctx.skip(reason);
        }
        const observed = await kase.run(context);
        meta.observed = observed;
        assert(matches(observed, expected), `expected ${formatExpected(expected)} (${expected.basis}), observed ${formatObservation(observed)}`);
      });
    }
  });
}

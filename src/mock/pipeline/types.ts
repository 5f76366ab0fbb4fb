import type { AuthMethodId, Verdict } from '../../protocol/index.ts';
import type { ErrorKey } from '../catalogue.ts';
import type { App, Service } from '../config/schema.ts';
import type { TokenClaims } from '../iam/token-claims.ts';
import type { IamKey } from '../state/world-index.ts';

export type AuthMethod = AuthMethodId;

export type Principal = { kind: 'token'; claims: TokenClaims } | { kind: 'aksk'; key: IamKey } | { kind: 'app'; app: App };

/** Why the gateway refuses a request: a catalogue entry, the values for its message, and words for people. */
export interface Refusal {
  rule: ErrorKey;
  params?: Record<string, string | number>;
  /** Answer with this status instead of the entry's (an injected status fault). */
  status?: number | undefined;
  detail: string;
  /** A signature verdict that led here, for the journal and explain mode. */
  verdict?: Verdict | undefined;
}

export interface AuthOutcome {
  method: AuthMethod | undefined;
  principal?: Principal | undefined;
  refusal?: Refusal | undefined;
  verdict?: Verdict | undefined;
}

export interface Route {
  service: Service;
  subPath: string;
  stage: string;
  /** The credentials this address takes for the service: its IAM address or its app-auth address. */
  auth: 'iam' | 'app';
}

export function describePrincipal(principal: Principal | undefined): string | undefined {
  if (!principal) return undefined;
  if (principal.kind === 'token') {
    const scope = principal.claims.scope.kind === 'project' ? `project ${principal.claims.scope.projectName}` : 'domain';
    return `token of ${principal.claims.domainName}/${principal.claims.userName} (${scope} scope)`;
  }
  if (principal.kind === 'aksk') return `${principal.key.kind} AK ${principal.key.accessKey} of ${principal.key.account.name}/${principal.key.user.name}`;
  return `app ${principal.app.name}`;
}

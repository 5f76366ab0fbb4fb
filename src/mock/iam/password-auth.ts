import { constantTimeEqual } from '../../protocol/index.ts';
import type { Account } from '../config/schema.ts';
import type { WorldIndex } from '../state/world-index.ts';
import { KEYSTONE_ERRORS, type KeystoneError } from './keystone-errors.ts';
import type { NameOrId, PasswordRequest } from './password-request.ts';
import type { TokenClaims } from './token-claims.ts';

export type PasswordAuthentication = { ok: true; claims: TokenClaims } | { ok: false; error: KeystoneError };

/**
 * Checks the user's password, then resolves the scope within the user's own account. Unknown
 * account, unknown user and wrong password give the same answer, so none can be told apart.
 */
export function authenticateWithPassword(request: PasswordRequest, world: WorldIndex, now: number, tokenLifetimeMs: number): PasswordAuthentication {
  const account = findAccount(world, request.userDomain);
  const user = account ? world.user(account, request.userName) : undefined;
  // Compared even when the user is unknown, so the answer takes as long either way.
  const passwordMatches = constantTimeEqual(request.password, user?.password ?? '');
  if (!account || !user || !passwordMatches) return { ok: false, error: KEYSTONE_ERRORS.wrongCredentials };

  const scope = resolveScope(request.scope, account, world);
  if (!scope.ok) return scope;
  return {
    ok: true,
    claims: {
      userId: user.id,
      userName: user.name,
      domainId: account.id,
      domainName: account.name,
      scope: scope.scope,
      methods: ['password'],
      issuedAt: now,
      expiresAt: now + tokenLifetimeMs,
    },
  };
}

function findAccount(world: WorldIndex, reference: NameOrId): Account | undefined {
  return 'id' in reference ? world.accountById(reference.id) : world.accountByName(reference.name);
}

type ScopeResolution = { ok: true; scope: TokenClaims['scope'] } | { ok: false; error: KeystoneError };

function resolveScope(requested: PasswordRequest['scope'], account: Account, world: WorldIndex): ScopeResolution {
  if (requested.kind === 'project') {
    const reference = requested.project;
    const project = account.projects.find((p) => ('id' in reference ? p.id === reference.id : p.name === reference.name));
    if (!project) return { ok: false, error: KEYSTONE_ERRORS.projectNotFound };
    return { ok: true, scope: { kind: 'project', projectId: project.id, projectName: project.name } };
  }
  // Inferred: the user has no role in another (or an unknown) account, which Keystone refuses with 401.
  if (requested.domain && findAccount(world, requested.domain)?.id !== account.id) {
    return { ok: false, error: KEYSTONE_ERRORS.authenticationRequired };
  }
  return { ok: true, scope: { kind: 'domain' } };
}

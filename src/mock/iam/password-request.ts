import { isRecord, parseJson } from '../models/json-body.ts';

/** A Keystone reference to a domain or project; `id` wins when both are given, as in Keystone. */
export type NameOrId = { id: string } | { name: string };

export type RequestedScope = { kind: 'project'; project: NameOrId } | { kind: 'domain'; domain: NameOrId | undefined };

export interface PasswordRequest {
  userName: string;
  password: string;
  userDomain: NameOrId;
  scope: RequestedScope;
}

/**
 * The body of a password-method POST /v3/auth/tokens (gateway.md §5.1), or undefined when it is
 * not JSON or does not fit. Only `methods: ["password"]` is supported: MFA and agency variants are
 * refused as an invalid body.
 */
export function parsePasswordRequest(body: Buffer): PasswordRequest | undefined {
  const json = parseJson(body);
  if (!json.ok || !isRecord(json.value)) return undefined;
  const auth = json.value['auth'];
  if (!isRecord(auth)) return undefined;
  const identity = auth['identity'];
  if (!isRecord(identity) || !isPasswordOnly(identity['methods'])) return undefined;
  const password = identity['password'];
  const user = isRecord(password) ? password['user'] : undefined;
  if (!isRecord(user)) return undefined;
  const userName = user['name'];
  const secret = user['password'];
  const userDomain = nameOrId(user['domain']);
  if (!isNonEmptyString(userName) || !isNonEmptyString(secret) || !userDomain) return undefined;
  const scope = parseScope(auth['scope']);
  if (!scope) return undefined;
  return { userName, password: secret, userDomain, scope };
}

function isPasswordOnly(methods: unknown): boolean {
  return Array.isArray(methods) && methods.length === 1 && methods[0] === 'password';
}

/** Project wins over domain; a missing or empty scope asks for a domain (global) token. */
function parseScope(scope: unknown): RequestedScope | undefined {
  if (scope === undefined) return { kind: 'domain', domain: undefined };
  if (!isRecord(scope)) return undefined;
  if (scope['project'] !== undefined) {
    const project = nameOrId(scope['project']);
    return project ? { kind: 'project', project } : undefined;
  }
  if (scope['domain'] !== undefined) {
    const domain = nameOrId(scope['domain']);
    return domain ? { kind: 'domain', domain } : undefined;
  }
  return { kind: 'domain', domain: undefined };
}

function nameOrId(value: unknown): NameOrId | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name } = value;
  if (id !== undefined) return isNonEmptyString(id) ? { id } : undefined;
  if (name !== undefined) return isNonEmptyString(name) ? { name } : undefined;
  return undefined;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { demoWorld } from './demo-world.ts';
import { type GatewayConfig, gatewayConfigSchema, type World } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A partial config: anything left out comes from the demo world and the defaults. */
export interface GatewayConfigOverrides {
  world?: Partial<GatewayConfig['world']> | undefined;
  limits?: Partial<GatewayConfig['limits']> | undefined;
  behaviour?: Partial<GatewayConfig['behaviour']> | undefined;
  clock?: Partial<GatewayConfig['clock']> | undefined;
  admin?: Partial<GatewayConfig['admin']> | undefined;
}

const WORLD_LISTS = ['accounts', 'users', 'apps', 'services'] as const;

/**
 * A world of the user's own without a token key gets a random one per start: the demo key is in
 * the source, and with it anyone could mint a token for any user of that world.
 */
function tokenSigningKeyFor(world: GatewayConfigOverrides['world']): { tokenSigningKey?: string } {
  if (world?.tokenSigningKey !== undefined) return {};
  const ownWorld = WORLD_LISTS.some((list) => world?.[list] !== undefined);
  return ownWorld ? { tokenSigningKey: randomBytes(32).toString('base64url') } : {};
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * The demo world and defaults, with the overrides laid over them: each top-level world list given
 * replaces the demo one; limits, behaviour and clock are merged field by field.
 */
export function resolveConfig(overrides: GatewayConfigOverrides = {}): GatewayConfig {
  const merged = {
    // Any other top-level key is kept, for the strict schema to refuse it by name.
    ...overrides,
    world: { ...demoWorld(overrides.world?.seed), ...overrides.world, ...tokenSigningKeyFor(overrides.world) },
    limits: overrides.limits ?? {},
    behaviour: overrides.behaviour ?? {},
    clock: overrides.clock ?? {},
    admin: overrides.admin ?? {},
  };
  const result = gatewayConfigSchema.safeParse(merged);
  if (!result.success) throw new ConfigError(`invalid gateway config: ${describe(result.error)}`);
  checkReferences(result.data);
  return result.data;
}

function checkReferences(config: GatewayConfig): void {
  const problems = worldReferenceProblems(config.world);
  if (problems.length > 0) throw new ConfigError(`invalid gateway config: ${problems.join('; ')}`);
}

/** What in a world points at nothing, or is used twice: checked at start and after every runtime change. */
export function worldReferenceProblems(world: World): string[] {
  const accounts = new Map(world.accounts.map((a) => [a.name, a]));
  const apps = new Set(world.apps.map((a) => a.name));
  const problems: string[] = [];
  for (const user of world.users) if (!accounts.has(user.account)) problems.push(`user ${user.name}: no account ${user.account}`);
  for (const app of world.apps) if (!accounts.has(app.account)) problems.push(`app ${app.name}: no account ${app.account}`);
  for (const service of world.services) {
    const account = accounts.get(service.account);
    if (!account) problems.push(`service ${service.name}: no account ${service.account}`);
    else if (!account.projects.some((p) => p.name === service.project))
      problems.push(`service ${service.name}: account ${service.account} has no project ${service.project}`);
    for (const app of service.boundApps) if (!apps.has(app)) problems.push(`service ${service.name}: no app ${app}`);
  }
  const keys = [...world.users.flatMap((u) => [...u.accessKeys, ...u.temporaryAccessKeys].map((k) => k.ak)), ...world.apps.map((a) => a.key)];
  const duplicate = firstDuplicate(keys);
  if (duplicate) problems.push(`access key or AppKey ${duplicate} is used twice`);
  const duplicateId = firstDuplicate(world.services.map((s) => s.id));
  if (duplicateId) problems.push(`service id ${duplicateId} is used twice`);
  return problems;
}

function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}

/** Reads a JSON or YAML config file; errors name the file and each invalid field. */
export function loadConfigFile(path: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`config file ${path} must hold an object`);
  try {
    return resolveConfig(data as GatewayConfigOverrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}

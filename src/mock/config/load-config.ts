import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { pathInsideFolder } from '../bounds/confined-path.ts';
import { demoWorld } from './demo-world.ts';
import { ModelConfigError, readModelConfigFile } from '../model-config/load.ts';
import { normalizeModelConfig } from '../model-config/normalize.ts';
import { STATIC_BODY_FILE_MAX_BYTES } from '../models/static.ts';
import { type GatewayConfig, gatewayConfigSchema, type Service, type StaticAnswer, type World } from './schema.ts';

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

type Issue = z.core.$ZodIssue;

/**
 * A union that failed every form says so in one line; when one form came closest (its issues lie
 * deeper than the union itself, as for a preset with a wrong option), its own issues are given.
 */
function flatten(issue: Issue, base: PropertyKey[] = []): Array<{ path: PropertyKey[]; message: string }> {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const deepest = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (deepest.length === 1) return deepest[0]!.flatMap((i) => flatten(i, path));
  }
  return [{ path, message: issue.message }];
}

function describe(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => flatten(issue))
    .map(({ path, message }) => `${path.map(String).join('.') || '(root)'}: ${message}`)
    .join('; ');
}

/**
 * The demo world and defaults, with the overrides laid over them: each top-level world list given
 * replaces the demo one; limits, behaviour and clock are merged field by field.
 */
export function resolveConfig(overrides: GatewayConfigOverrides = {}, options: { baseDir?: string } = {}): GatewayConfig {
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
  const baseDir = options.baseDir ?? process.cwd();
  const { admin } = result.data;
  admin.filesDir = admin.filesDir === undefined || admin.filesDir === false ? false : resolve(baseDir, admin.filesDir);
  try {
    resolveServiceFiles(result.data, baseDir);
  } catch (error) {
    if (error instanceof ModelConfigError) throw new ConfigError(`invalid gateway config: ${error.message}`);
    throw error;
  }
  return result.data;
}

/**
 * A service's modelConfig path is read now, relative to the config file, and a static bodyFile is
 * made absolute and checked for size, so that a wrong path fails at start, not at the first call.
 */
function resolveServiceFiles(config: GatewayConfig, baseDir: string): void {
  const problems = config.world.services.flatMap((service) => resolveServiceFilesOf(service, baseDir));
  if (problems.length > 0) throw new ConfigError(`invalid gateway config: ${problems.join('; ')}`);
}

/**
 * One service's files, resolved in place: a modelConfig path read (a ModelConfigError when it
 * cannot be), a static bodyFile made absolute. The problems found, each naming the service. Used
 * at load and by a service made at runtime: relative to the working directory in-process, and
 * through the admin API only inside `confineTo` (none when it is false).
 */
export function resolveServiceFilesOf(service: Service, baseDir: string, confineTo?: string | false): string[] {
  const problems: string[] = [];
  /** Where a named file is read from: undefined (a problem noted) when confined and outside. */
  const place = (what: string, given: string): string | undefined => {
    if (confineTo === undefined) return resolve(baseDir, given);
    const inside = confineTo === false ? undefined : pathInsideFolder(confineTo, given);
    if (inside === undefined)
      problems.push(
        confineTo === false
          ? `service ${service.name}: ${what} cannot name a file here (admin.filesDir is off): give it inline`
          : `service ${service.name}: ${what} ${given} is outside the folder the admin API may read (admin.filesDir)`,
      );
    return inside;
  };
  if (typeof service.modelConfig === 'string') {
    const file = place('modelConfig', service.modelConfig);
    if (file === undefined) return problems;
    service.modelConfig = readModelConfigFile(file);
  }
  if (service.modelConfig !== undefined) {
    for (const problem of normalizeModelConfig(service.modelConfig).problems) problems.push(`service ${service.name}: modelConfig: ${problem}`);
  }
  const model = service.model;
  if (typeof model === 'object' && 'static' in model) {
    const answers =
      'status' in model.static || 'body' in model.static || 'bodyFile' in model.static || 'headers' in model.static
        ? [model.static]
        : Object.values(model.static);
    for (const answer of answers as StaticAnswer[]) {
      if (answer.bodyFile === undefined) continue;
      const file = place('bodyFile', answer.bodyFile);
      if (file === undefined) continue;
      answer.bodyFile = file;
      let size: number;
      try {
        const stat = statSync(answer.bodyFile);
        // A device or FIFO has no size to check (/dev/zero is 0 bytes and endless).
        if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
        size = stat.size;
        // Its real path, so that a link put in its place later is refused when it is read.
        answer.bodyFile = realpathSync(answer.bodyFile);
      } catch (error) {
        problems.push(`service ${service.name}: cannot read bodyFile ${answer.bodyFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
        continue;
      }
      if (size > STATIC_BODY_FILE_MAX_BYTES) problems.push(`service ${service.name}: bodyFile ${answer.bodyFile} is over ${STATIC_BODY_FILE_MAX_BYTES} bytes`);
    }
  }
  return problems;
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
  // An AppCode names one app: a second app with it would take over the first's calls (appByCode).
  if (firstDuplicate(world.apps.flatMap((a) => a.appCodes)) !== undefined) problems.push('an AppCode is used twice');
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
    return resolveConfig(data as GatewayConfigOverrides, { baseDir: dirname(resolve(path)) });
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${path}: ${error.message}`);
    throw error;
  }
}

import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { packageRoot } from '../package-root.ts';

import { AUTH_METHOD_IDS, type AuthMethodId } from '../protocol/index.ts';

/** A scenario's auth method: the registry's id (src/protocol/auth-methods.ts). */
export type AuthMethod = AuthMethodId;

export const CREDENTIAL_VARIANTS = [
  'valid',
  'temporary',
  'issued-temporary',
  'expired-temporary',
  'iam-login',
  'wrong-secret',
  'unknown-key',
  'expired-token',
  'domain-token',
  'wrong-appcode',
  'unbound-app',
] as const;
export type CredentialVariant = (typeof CREDENTIAL_VARIANTS)[number];

const bodySchema = z.union([
  z.object({ json: z.unknown() }).strict(),
  z.object({ file: z.object({ field: z.string().min(1), path: z.string().min(1), contentType: z.string().min(1) }).strict() }).strict(),
  z.object({ empty: z.literal(true) }).strict(),
]);

const expectSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), status: z.number().int().default(200) }).strict(),
  z.object({ outcome: z.literal('refused'), status: z.number().int(), errorCode: z.string().min(1) }).strict(),
]);

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    title: z.string().min(1),
    auth: z.enum(AUTH_METHOD_IDS as [AuthMethodId, ...AuthMethodId[]]),
    credentials: z.enum(CREDENTIAL_VARIANTS).default('valid'),
    request: z
      .object({
        service: z.string().min(1),
        method: z
          .string()
          .regex(/^[A-Z]+$/)
          .default('POST'),
        path: z.string().default(''),
        query: z.array(z.tuple([z.string().min(1), z.string()])).default([]),
        headers: z.record(z.string(), z.string()).default({}),
        body: bodySchema,
      })
      .strict(),
    expect: expectSchema,
  })
  .strict();

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export interface Scenario extends ScenarioSpec {
  /** Absolute path of the file it came from. */
  file: string;
}

export class ScenarioError extends Error {}

/** The scenarios shipped with apig-kit, wherever it is installed. */
export const BUNDLED_SCENARIOS = join(packageRoot(), 'fixtures', 'scenarios');

export async function loadScenario(file: string): Promise<Scenario> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`${file}: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) throw new ScenarioError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const scenario = { ...parsed.data, file: resolve(file) };
  if ('file' in scenario.request.body) scenario.request.body.file.path = resolve(dirname(scenario.file), scenario.request.body.file.path);
  return scenario;
}

/** Scenario files matching the glob patterns (a folder means every *.json in it), sorted by id. */
export async function loadScenarios(patterns: readonly string[], cwd = process.cwd()): Promise<Scenario[]> {
  const expanded = patterns.map((p) => (p.endsWith('.json') || /[*?{[]/.test(p) ? p : `${p.replace(/\/$/, '')}/*.json`));
  const files = await glob(expanded, { cwd, absolute: true });
  if (files.length === 0) throw new ScenarioError(`no scenario file matches ${patterns.join(', ')}`);
  const scenarios = await Promise.all(files.map((f) => loadScenario(f)));
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const other = seen.get(s.id);
    if (other) throw new ScenarioError(`scenario id "${s.id}" is used by both ${other} and ${s.file}`);
    seen.set(s.id, s.file);
  }
  return scenarios.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

import { BoundedFileError, readBoundedFileSync } from '../bounds/read-bounded-file.ts';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type ModelConfig, modelConfigSchema } from './schema.ts';

/** A config.json is a few KB; anything near this is not one. */
export const MODEL_CONFIG_MAX_BYTES = 1024 * 1024;

export class ModelConfigError extends Error {
  override name = 'ModelConfigError';
}

const describe = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

export function parseModelConfig(value: unknown, source = 'modelConfig'): ModelConfig {
  const parsed = modelConfigSchema.safeParse(value);
  if (!parsed.success) throw new ModelConfigError(`${source} is not a usable ModelArts config.json: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Reads a config.json, `path` taken relative to `baseDir`; errors name the file. */
export function readModelConfigFile(path: string, baseDir = process.cwd()): ModelConfig {
  const file = resolve(baseDir, path);
  let text: string;
  try {
    text = readBoundedFileSync(file, MODEL_CONFIG_MAX_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof BoundedFileError && error.code === 'ETOOBIG')
      throw new ModelConfigError(`model config ${file} is over ${MODEL_CONFIG_MAX_BYTES} bytes`);
    throw new ModelConfigError(`cannot read model config ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the file (its first bytes, or a window around the error): an error must
    // not show a file's content, so only the position is kept, where V8 gives one.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new ModelConfigError(`model config ${file} is not valid JSON${position === undefined ? '' : ` (at position ${position})`}`);
  }
  return parseModelConfig(json, file);
}

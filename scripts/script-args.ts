import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The flags of an npm script (`npm run x -- --flag`): `--help` prints `usage` and exits 0; an
 * unknown or malformed flag prints the problem and the usage on stderr and exits 2.
 */
export function parseScriptArgs<T extends Options>(
  usage: string,
  options: T,
  args: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<{ options: T; strict: true }>>['values'] {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage.trim()}\n`);
    process.exit(2);
  }
}

export const SCRIPT_EXIT_CODES = 'Exit codes: 0 all went well; 1 a check failed; 2 a usage error (bad flag).';

/** The exit code of every command: 0 when all went well, 1 when a check failed, 2 for a usage error. */
export const EXIT = {
  ok: 0,
  /** A refusal, a failing case, no answer from the service, a port already taken. */
  failed: 1,
  /** A bad flag, argument, input file or stdin: nothing was checked. */
  usage: 2,
} as const;

export const EXIT_CODES_HELP =
  '\nExit codes: 0 all went well; 1 a check failed (a refusal, a failing case, no answer); 2 a usage error (bad flag, argument or input).';

/** An error whose message is fit to print as the one line a CLI user sees; a usage error unless said otherwise. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

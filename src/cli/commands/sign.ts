import { signRequest, SigningError } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';
import { parseSignInput } from '../sign-input.ts';

/** `apig-kit sign`: one JSON request on stdin → the headers to add, as one JSON object. */
export function runSign(stdinText: string, now: () => number = Date.now): string {
  const { request, credentials, options } = parseSignInput(stdinText, now);
  try {
    return JSON.stringify(signRequest(request, credentials, options).headers);
  } catch (error) {
    if (error instanceof SigningError) throw new CliError(error.message);
    throw error;
  }
}

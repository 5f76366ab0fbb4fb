/** What one conformance case saw, in a form the matrix, the parity file and JUnit share. */
import { ApigError, IamError } from '../src/clients/index.ts';
import { CATALOGUE, type ErrorKey, KEYSTONE_ERRORS } from '../src/mock/index.ts';

export interface Observation {
  /** The HTTP status the target answered; undefined when nothing was answered. */
  status: number | undefined;
  /** APIG/ModelArts `error_code`; `IAM <code>` for a Keystone error; undefined on success. */
  errorCode: string | undefined;
}

export interface Expected {
  status: number | '2xx';
  errorCode: string | undefined;
  /** Where the expectation comes from: a catalogue rule, a Keystone error, or success. */
  basis: string;
}

export const SUCCESS: Expected = { status: '2xx', errorCode: undefined, basis: 'success' };

export function fromCatalogue(rule: ErrorKey): Expected {
  const entry = CATALOGUE[rule];
  return { status: entry.status, errorCode: entry.code, basis: `catalogue ${rule} (${entry.basis})` };
}

export function fromKeystone(error: keyof typeof KEYSTONE_ERRORS): Expected {
  const entry = KEYSTONE_ERRORS[error];
  return { status: entry.code, errorCode: `IAM ${entry.code}`, basis: `IAM ${error}` };
}

/** The observation for a refused call; an error that carries no answer (a timeout, a network error) is rethrown: the case fails. */
export function observeError(error: unknown): Observation {
  if (error instanceof ApigError) return { status: error.status, errorCode: error.errorCode };
  if (error instanceof IamError) return { status: error.status, errorCode: `IAM ${error.code}` };
  throw error;
}

export function matches(observation: Observation, expected: Expected): boolean {
  const statusOk =
    expected.status === '2xx'
      ? observation.status !== undefined && observation.status >= 200 && observation.status <= 299
      : observation.status === expected.status;
  return statusOk && observation.errorCode === expected.errorCode;
}

export function formatExpected(expected: Expected): string {
  return expected.errorCode ? `${expected.status} ${expected.errorCode}` : String(expected.status);
}

export function formatObservation(observation: Observation): string {
  return observation.status === undefined ? 'no answer' : observation.errorCode ? `${observation.status} ${observation.errorCode}` : String(observation.status);
}

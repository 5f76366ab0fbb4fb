import { KEYSTONE_CATALOGUE } from '../catalogue.ts';
import { type GatewayResponse, jsonResponse } from '../http-model.ts';

/**
 * IAM answers /v3/auth/tokens errors in Keystone's shape, `{"error":{code,message,title}}`, not
 * APIG's `error_code`/`error_msg` (gateway.md §5.2). The entries, with their basis, are the catalogue's.
 */
export const KEYSTONE_ERRORS = {
  bodyInvalid: KEYSTONE_CATALOGUE['keystone.body-invalid'],
  projectNotFound: KEYSTONE_CATALOGUE['keystone.project-not-found'],
  wrongCredentials: KEYSTONE_CATALOGUE['keystone.wrong-credentials'],
  authenticationRequired: KEYSTONE_CATALOGUE['keystone.authentication-required'],
  subjectTokenInvalid: KEYSTONE_CATALOGUE['keystone.subject-token-invalid'],
  durationInvalid: KEYSTONE_CATALOGUE['keystone.duration-invalid'],
  methodNotAllowed: KEYSTONE_CATALOGUE['keystone.method-not-allowed'],
} as const;

export type KeystoneError = (typeof KEYSTONE_ERRORS)[keyof typeof KEYSTONE_ERRORS];

export function keystoneError(error: KeystoneError, headers: Record<string, string> = {}): GatewayResponse {
  return jsonResponse(error.code, { error: { code: error.code, message: error.message, title: error.title } }, headers);
}

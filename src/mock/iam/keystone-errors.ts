import { type GatewayResponse, jsonResponse } from '../http-model.ts';

/**
 * IAM answers /v3/auth/tokens errors in Keystone's shape, `{"error":{code,message,title}}`, not
 * APIG's `error_code`/`error_msg` (gateway.md §5.2). Messages are fixed text: never a password or token.
 */
export const KEYSTONE_ERRORS = {
  bodyInvalid: { code: 400, title: 'Bad Request', message: 'The request body is invalid' },
  /** Inferred: the wording of IAM.1109; which body form IAM uses for it is undocumented. */
  projectNotFound: { code: 400, title: 'Bad Request', message: 'The project information cannot be found.' },
  wrongCredentials: { code: 401, title: 'Unauthorized', message: 'The username or password is wrong.' },
  /** IAM.0001 wording, in Keystone's shape. */
  authenticationRequired: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
  subjectTokenInvalid: { code: 404, title: 'Not Found', message: 'X-Subject-Token is invalid in the request' },
  /** securitytokens with duration_seconds outside 900..86400: status documented (400, invalid parameter), body and text inferred. */
  durationInvalid: { code: 400, title: 'Bad Request', message: 'duration_seconds must be an integer from 900 to 86400.' },
  /** Inferred: undocumented; Keystone (Flask) answers other methods with this 405. */
  methodNotAllowed: { code: 405, title: 'Method Not Allowed', message: 'The method is not allowed for the requested URL.' },
} as const;

export type KeystoneError = (typeof KEYSTONE_ERRORS)[keyof typeof KEYSTONE_ERRORS];

export function keystoneError(error: KeystoneError, headers: Record<string, string> = {}): GatewayResponse {
  return jsonResponse(error.code, { error: { code: error.code, message: error.message, title: error.title } }, headers);
}

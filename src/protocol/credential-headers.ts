/**
 * Headers whose values are credentials (tokens, AppCodes, AppKeys used as simple auth, security
 * tokens). Whatever shows, logs or echoes a request masks these; `Authorization` is handled apart,
 * because a signature header is public but for its signature.
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'x-auth-token',
  'x-subject-token',
  'x-apig-appcode',
  'x-security-token',
  'apikey',
  'proxy-authorization',
  // apig-kit's own admin token: a client may send it to an inference URL too.
  'x-apig-kit-admin-token',
]);

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase());
}

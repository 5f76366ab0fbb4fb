import { maskSecrets } from '../clients/secrets.ts';

/**
 * IAM tokens (PKI tokens start "MII" and run to kilobytes of base64). A client that logs in by
 * itself gets one the kit never saw, so it is masked by its shape as well as by value.
 */
const IAM_TOKEN = /MII[A-Za-z0-9+/_-]{60,}={0,2}/g;

/** Text a client printed or a report shows, with every known secret and every IAM token masked. */
export function maskForReport(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets).replace(IAM_TOKEN, (token) => `[redacted token, ${token.length} chars]`);
}

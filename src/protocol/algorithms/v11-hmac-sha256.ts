import { hkdfSync } from 'node:crypto';
import type { DigestName } from '../digest.ts';
import type { CredentialScope, SigningAlgorithm } from './types.ts';

export function formatScope(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}`;
}

/**
 * The derived-key (V11) layout over a digest (signing.md §3.1, §3.2): the key is HKDF-<digest>(IKM = SK,
 * salt = AK, info = scope, 32 bytes), and the HMAC key is that key's lower-case *hex text*, not its
 * raw bytes, which is what every official signer does.
 */
export function derivedKeyAlgorithm(name: 'V11-HMAC-SHA256' | 'V11-HMAC-SM3', digest: DigestName, contentHashHeaders: readonly string[]): SigningAlgorithm {
  const needScope = (scope: CredentialScope | undefined): CredentialScope => {
    if (!scope) throw new TypeError(`${name} needs a credential scope`);
    return scope;
  };
  return {
    name,
    digest,
    contentHashHeaders,
    credentialField: 'Credential',
    usesScope: true,
    stringToSign: (sdkDate, canonicalRequestDigest, scope) => `${name}\n${sdkDate}\n${formatScope(needScope(scope))}\n${canonicalRequestDigest}`,
    signingKey: ({ accessKey, secretKey, scope }) => {
      const derived = hkdfSync(digest, secretKey, accessKey, formatScope(needScope(scope)), 32);
      return Buffer.from(derived).toString('hex');
    },
  };
}

/** V11-HMAC-SHA256, the derived-key variant of the v3 SDKs and the APIG Go signer (signing.md §3.1). */
export const v11HmacSha256: SigningAlgorithm = derivedKeyAlgorithm('V11-HMAC-SHA256', 'sha256', ['x-sdk-content-sha256']);

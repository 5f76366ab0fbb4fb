import { hkdfSync } from 'node:crypto';
import type { CredentialScope, SigningAlgorithm } from './types.ts';

export function formatScope(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}`;
}

/**
 * V11-HMAC-SHA256, the derived-key variant (signing.md §3.1): the key is HKDF-SHA256(IKM = SK,
 * salt = AK, info = scope, 32 bytes), and the HMAC key is that key's lower-case *hex text*, not
 * its raw bytes, which is what every official SDK does.
 */
export const v11HmacSha256: SigningAlgorithm = {
  name: 'V11-HMAC-SHA256',
  digest: 'sha256',
  contentHashHeaders: ['x-sdk-content-sha256'],
  credentialField: 'Credential',
  usesScope: true,
  stringToSign: (sdkDate, canonicalRequestDigest, scope) => {
    if (!scope) throw new TypeError('V11-HMAC-SHA256 needs a credential scope');
    return `V11-HMAC-SHA256\n${sdkDate}\n${formatScope(scope)}\n${canonicalRequestDigest}`;
  },
  signingKey: ({ accessKey, secretKey, scope }) => {
    if (!scope) throw new TypeError('V11-HMAC-SHA256 needs a credential scope');
    const derived = hkdfSync('sha256', secretKey, accessKey, formatScope(scope), 32);
    return Buffer.from(derived).toString('hex');
  },
};

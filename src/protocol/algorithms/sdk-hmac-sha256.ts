import type { SigningAlgorithm } from './types.ts';

/** SDK-HMAC-SHA256: the SK itself is the HMAC key (signing.md §1.4–1.5). */
export const sdkHmacSha256: SigningAlgorithm = {
  name: 'SDK-HMAC-SHA256',
  digest: 'sha256',
  contentHashHeaders: ['x-sdk-content-sha256'],
  credentialField: 'Access',
  usesScope: false,
  stringToSign: (sdkDate, canonicalRequestDigest) => `SDK-HMAC-SHA256\n${sdkDate}\n${canonicalRequestDigest}`,
  signingKey: ({ secretKey }) => secretKey,
};

import type { SigningAlgorithm } from './types.ts';

/**
 * SDK-HMAC-SM3: SDK-HMAC-SHA256 with every SHA-256 replaced by SM3 (signing.md §3.2). The v3 SDKs
 * declare an unsigned body in X-Sdk-Content-Sm3; the APIG Go and Java signers keep using
 * X-Sdk-Content-Sha256, so both are honoured, the SM3 one first.
 */
export const sdkHmacSm3: SigningAlgorithm = {
  name: 'SDK-HMAC-SM3',
  digest: 'sm3',
  contentHashHeaders: ['x-sdk-content-sm3', 'x-sdk-content-sha256'],
  credentialField: 'Access',
  usesScope: false,
  stringToSign: (sdkDate, canonicalRequestDigest) => `SDK-HMAC-SM3\n${sdkDate}\n${canonicalRequestDigest}`,
  signingKey: ({ secretKey }) => secretKey,
};

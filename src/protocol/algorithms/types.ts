import type { DigestName } from '../digest.ts';

export const ALGORITHM_NAMES = ['SDK-HMAC-SHA256', 'V11-HMAC-SHA256', 'SDK-HMAC-SM3', 'V11-HMAC-SM3'] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];

/** The `<date>/<region>/<service>` scope of the derived-key (V11) algorithms. */
export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

export interface KeyMaterial {
  accessKey: string;
  secretKey: string;
  scope?: CredentialScope | undefined;
}

/** What differs between the members of the signature family; the canonical request is shared. */
export interface SigningAlgorithm {
  readonly name: AlgorithmName;
  readonly digest: DigestName;
  /** Lower-case headers that may carry a declared payload hash, in order of preference. */
  readonly contentHashHeaders: readonly string[];
  /** The Authorization field naming the key: `Access=<AK>` or `Credential=<AK>/<scope>`. */
  readonly credentialField: 'Access' | 'Credential';
  readonly usesScope: boolean;
  stringToSign(sdkDate: string, canonicalRequestDigest: string, scope?: CredentialScope): string;
  signingKey(keys: KeyMaterial): string | Uint8Array;
}

import type { CredentialScope, SigningAlgorithm } from './algorithms/index.ts';
import { digestHex, hmacHex } from './digest.ts';

export interface SignatureInput {
  algorithm: SigningAlgorithm;
  accessKey: string;
  secretKey: string;
  sdkDate: string;
  scope?: CredentialScope | undefined;
  canonicalRequest: string;
}

export interface ComputedSignature {
  canonicalRequestDigest: string;
  stringToSign: string;
  signature: string;
}

/** Canonical request → string to sign → signature, for any member of the family. */
export function computeSignature(input: SignatureInput): ComputedSignature {
  const { algorithm } = input;
  const canonicalRequestDigest = digestHex(algorithm.digest, input.canonicalRequest);
  const stringToSign = algorithm.stringToSign(input.sdkDate, canonicalRequestDigest, input.scope);
  const key = algorithm.signingKey({ accessKey: input.accessKey, secretKey: input.secretKey, scope: input.scope });
  return { canonicalRequestDigest, stringToSign, signature: hmacHex(algorithm.digest, key, stringToSign) };
}

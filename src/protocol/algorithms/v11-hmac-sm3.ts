import type { SigningAlgorithm } from './types.ts';
import { derivedKeyAlgorithm } from './v11-hmac-sha256.ts';

/**
 * V11-HMAC-SM3, only in the APIG Go signer (signing.md §3.2, `core/sign_v11.go`): the V11 layout with
 * SM3 everywhere, HKDF-SM3 included. That signer keeps X-Sdk-Content-Sha256 for an unsigned body, the
 * v3 SDKs' SM3 signers use X-Sdk-Content-Sm3: both are honoured, as for SDK-HMAC-SM3.
 */
export const v11HmacSm3: SigningAlgorithm = derivedKeyAlgorithm('V11-HMAC-SM3', 'sm3', ['x-sdk-content-sm3', 'x-sdk-content-sha256']);

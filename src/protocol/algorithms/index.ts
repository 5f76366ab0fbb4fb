import { sdkHmacSha256 } from './sdk-hmac-sha256.ts';
import { sdkHmacSm3 } from './sdk-hmac-sm3.ts';
import type { AlgorithmName, SigningAlgorithm } from './types.ts';
import { v11HmacSha256 } from './v11-hmac-sha256.ts';
import { v11HmacSm3 } from './v11-hmac-sm3.ts';

export * from './types.ts';
export { formatScope } from './v11-hmac-sha256.ts';

const ALGORITHMS: Readonly<Record<AlgorithmName, SigningAlgorithm>> = {
  'SDK-HMAC-SHA256': sdkHmacSha256,
  'V11-HMAC-SHA256': v11HmacSha256,
  'SDK-HMAC-SM3': sdkHmacSm3,
  'V11-HMAC-SM3': v11HmacSm3,
};

export function algorithmByName(name: string): SigningAlgorithm | undefined {
  return Object.hasOwn(ALGORITHMS, name) ? ALGORITHMS[name as AlgorithmName] : undefined;
}

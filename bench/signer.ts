import { type SignableRequest, signRequest } from '../src/protocol/index.ts';
import { OFFICIAL_SDK_VERSION, officialSign, type SdkRequest, toSdkRequest } from '../test/support/official-sdk.ts';
import { BENCH_REQUESTS, type BenchRequest, signedHeaderNames } from './signer-requests.ts';
import { summarize, type Summary } from './support/stats.ts';
import { interleavedOpsPerSecond } from './support/timing.ts';

export interface SignerSettings {
  repetitions: number;
  sliceMs: number;
  warmupMs: number;
}

export interface SignerShapeResult {
  shape: string;
  ours: Summary;
  official: Summary;
}

export interface SignerResult {
  sdkVersion: string;
  shapes: SignerShapeResult[];
  /** Signatures per second over the whole set (each request once), from the per-shape medians. */
  oursMixed: number;
  officialMixed: number;
}

const KEYS = { accessKey: 'BENCHAKAPIGKIT000001', secretKey: 'benchSecretKeyApigKit000000000000000001' };

interface Pair {
  shape: string;
  ours: () => string | undefined;
  official: () => string | undefined;
}

function pairFor({ shape, message }: BenchRequest): Pair {
  const translation = toSdkRequest(message, signedHeaderNames({ shape, message }), 'SDK-HMAC-SHA256');
  if (!translation.ok) throw new Error(`"${shape}" cannot be expressed to the official SDK: ${translation.reason}`);
  const sdkRequest: SdkRequest = translation.request;
  const ourRequest: SignableRequest = { method: message.method, url: message.target, headers: message.headers, body: message.body };
  const sdkKeys = { ak: KEYS.accessKey, sk: KEYS.secretKey };
  return {
    shape,
    ours: () => signRequest(ourRequest, KEYS).headers['Authorization'],
    official: () => officialSign('SDK-HMAC-SHA256', sdkRequest, sdkKeys)['Authorization'],
  };
}

/** Same work or no comparison: both signers must produce the same Authorization for every request. */
export function checkSameAuthorization(pairs: readonly Pair[]): void {
  for (const pair of pairs) {
    const ours = pair.ours();
    const official = pair.official();
    if (!ours || ours !== official) throw new Error(`signers disagree on "${pair.shape}":\n  ours:     ${ours}\n  official: ${official}`);
  }
}

/** n requests / the time to sign each once: the throughput on a mix of the shapes. */
const mixedRate = (rates: readonly number[]) => rates.length / rates.reduce((sum, rate) => sum + 1 / rate, 0);

export function benchSigner(settings: SignerSettings): SignerResult {
  const pairs = BENCH_REQUESTS.map(pairFor);
  checkSameAuthorization(pairs);
  const shapes = pairs.map((pair) => {
    const samples = interleavedOpsPerSecond(
      [
        { name: 'ours', operation: pair.ours },
        { name: 'official', operation: pair.official },
      ],
      settings,
    );
    return { shape: pair.shape, ours: summarize(samples.get('ours')!), official: summarize(samples.get('official')!) };
  });
  return {
    sdkVersion: OFFICIAL_SDK_VERSION,
    shapes,
    oursMixed: mixedRate(shapes.map((s) => s.ours.median)),
    officialMixed: mixedRate(shapes.map((s) => s.official.median)),
  };
}

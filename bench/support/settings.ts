import type { GatewaySettings } from '../gateway.ts';
import type { SignerSettings } from '../signer.ts';
import { TWELVE_MB, type VerifyBodySettings } from '../verify-body.ts';

export interface BenchSettings {
  profile: 'full' | 'quick';
  signer: SignerSettings;
  gateway: GatewaySettings;
  verifyBody: VerifyBodySettings;
}

/** The default run takes about 2½ minutes on 2 cores; `--quick` about 30 s, for a smoke check. */
export function benchSettings(quick: boolean): BenchSettings {
  return quick
    ? {
        profile: 'quick',
        signer: { repetitions: 3, sliceMs: 250, warmupMs: 200 },
        gateway: { connections: 16, durationSeconds: 3, repetitions: 2, warmupSeconds: 1 },
        verifyBody: { bodyBytes: TWELVE_MB, repetitions: 5, warmups: 1 },
      }
    : {
        profile: 'full',
        signer: { repetitions: 7, sliceMs: 700, warmupMs: 500 },
        gateway: { connections: 16, durationSeconds: 10, repetitions: 3, warmupSeconds: 3 },
        verifyBody: { bodyBytes: TWELVE_MB, repetitions: 21, warmups: 3 },
      };
}

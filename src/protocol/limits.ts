/**
 * The gateway's numbers (gateway.md §4, §9). "12 MB" is read as nginx's `12m`, 12 × 2^20 bytes:
 * the unit is not documented, so this is inferred and configurable in the mock.
 */
export const LIMITS = {
  maxBodyBytes: 12 * 1024 * 1024,
  maxClockSkewMs: 15 * 60 * 1000,
  backendTimeoutMs: 40 * 1000,
  tokenLifetimeMs: 24 * 60 * 60 * 1000,
  maxUriBytes: 32 * 1024,
  maxHeaderBytes: 32 * 1024,
  maxHeaderBlockBytes: 128 * 1024,
  akLockoutFailures: 5,
  akLockoutMs: 5 * 60 * 1000,
  defaultApiRateLimitPerSecond: 200,
  maxAppCodesPerApp: 5,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

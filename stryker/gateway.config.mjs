// @ts-check
import { scopeConfig } from './shared.mjs';

/** The mock gateway's auth, pipeline steps (dispatcher included), IAM and admin API. Target: 85 %. */
export default scopeConfig({
  name: 'gateway',
  mutate: ['mock-gateway/auth/**/*.ts', 'mock-gateway/pipeline/**/*.ts', 'mock-gateway/iam/**/*.ts', 'mock-gateway/admin/**/*.ts'],
  vitestConfig: 'stryker/vitest.gateway.config.ts',
  breakAt: 85,
});

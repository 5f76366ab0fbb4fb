// @ts-check
import { scopeConfig } from './shared.mjs';

/** src/protocol: the signer, the verifier and the canonical request. Target: 90 %. */
export default scopeConfig({
  name: 'protocol',
  mutate: ['src/protocol/**/*.ts'],
  vitestConfig: 'stryker/vitest.protocol.config.ts',
  breakAt: 90,
});

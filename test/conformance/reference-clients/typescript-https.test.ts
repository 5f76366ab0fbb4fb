import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit, over HTTPS', () => {
  referenceClientPasses('typescript', { https: true, timeoutMs: 180_000 });
});

import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit, over HTTPS', () => {
  referenceClientPasses('python', { https: true, timeoutMs: 180_000 });
});

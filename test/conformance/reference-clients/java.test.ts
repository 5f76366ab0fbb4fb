import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit', () => {
  referenceClientPasses('java', { timeoutMs: 180_000 });
});

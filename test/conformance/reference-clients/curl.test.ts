import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit', () => {
  // cURL cannot sign: it says so (exit 3) for AK/SK and app signature cases.
  referenceClientPasses('curl', { notApplicable: ['aksk', 'app'], timeoutMs: 120_000 });
});

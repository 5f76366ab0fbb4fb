import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit, over HTTPS', () => {
  // curl --cacert with the printed certificate; it cannot sign (exit 3 for AK/SK and app signature).
  referenceClientPasses('curl', { https: true, notApplicable: ['aksk', 'app'], timeoutMs: 120_000 });
});

import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit', () => {
  // apig-kit's own client (src/clients) is held to the same scenarios as everyone else's.
  referenceClientPasses('typescript', { timeoutMs: 180_000 });
});

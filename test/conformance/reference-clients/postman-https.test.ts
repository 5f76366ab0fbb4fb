import { describe } from 'vitest';
import { referenceClientPasses } from './support.ts';

describe('reference client under the conformance kit, over HTTPS', () => {
  // newman takes seconds a case: one scenario per auth method (the whole set runs over HTTP in postman.test.ts).
  referenceClientPasses('postman', {
    https: true,
    scenarios: ['token-iam-login', 'aksk-temporary', 'app-file-images', 'appcode-json-iris', 'apikey-json-echo'],
    timeoutMs: 180_000,
  });
});

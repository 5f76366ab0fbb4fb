import { describe, expect, it } from 'vitest';
import { IAM_SECURITY_TOKENS_PATH, IAM_TOKENS_PATH } from '../../src/protocol/index.ts';

describe('IAM paths', () => {
  it('are the documented endpoints: Keystone token login, and temporary AK/SK through a token', () => {
    expect(IAM_TOKENS_PATH).toBe('/v3/auth/tokens');
    expect(IAM_SECURITY_TOKENS_PATH).toBe('/v3.0/OS-CREDENTIAL/securitytokens');
  });
});

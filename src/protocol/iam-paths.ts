/** IAM's token endpoint (Keystone v3): a password login answers the token in `X-Subject-Token` (gateway.md §3). */
export const IAM_TOKENS_PATH = '/v3/auth/tokens';

/** IAM's temporary-credential endpoint: a token in, an AK/SK + security token out (IAM API reference, iam_04_0002). */
export const IAM_SECURITY_TOKENS_PATH = '/v3.0/OS-CREDENTIAL/securitytokens';

/** IAM's token endpoint (Keystone v3): a password login answers the token in `X-Subject-Token` (gateway.md §3). */
export const IAM_TOKENS_PATH = '/v3/auth/tokens';

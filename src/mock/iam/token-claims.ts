/** What a mock IAM token carries. The token itself is opaque to clients. */
export interface TokenClaims {
  userId: string;
  userName: string;
  domainId: string;
  domainName: string;
  scope: { kind: 'project'; projectId: string; projectName: string } | { kind: 'domain' };
  methods: string[];
  /** Epoch ms, on the gateway clock. */
  issuedAt: number;
  expiresAt: number;
}

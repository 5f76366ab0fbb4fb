import type { TokenClaims } from './token-claims.ts';

/** The IAM endpoint every token's catalog lists (gateway.md §5.1 example); the ids are fixed placeholders. */
const IAM_CATALOG = [
  {
    endpoints: [
      {
        id: '33e1cbdd86d34e89a63cf8ad16a5f49f',
        interface: 'public',
        region: '*',
        region_id: '*',
        url: 'https://iam.myhuaweicloud.com/v3.0',
      },
    ],
    id: '100a6a3477f1495286579b819d399e36',
    name: 'iam',
    type: 'iam',
  },
];

const ROLES = [{ id: '0', name: 'te_admin' }];

/** ISO-8601 UTC with six fractional digits, as IAM writes it: 2026-11-23T09:15:00.000000Z. */
export function formatIamTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** `{"token":{…}}` as POST and GET /v3/auth/tokens return it, rebuilt from the claims alone. */
export function tokenBody(claims: TokenClaims, options: { catalog: boolean }) {
  const domain = { id: claims.domainId, name: claims.domainName };
  const scope = claims.scope.kind === 'project' ? { project: { domain, id: claims.scope.projectId, name: claims.scope.projectName } } : { domain };
  return {
    token: {
      expires_at: formatIamTime(claims.expiresAt),
      issued_at: formatIamTime(claims.issuedAt),
      methods: [...claims.methods],
      catalog: options.catalog ? structuredClone(IAM_CATALOG) : [],
      ...scope,
      roles: ROLES.map((role) => ({ ...role })),
      user: { domain, id: claims.userId, name: claims.userName, password_expires_at: '' },
    },
  };
}

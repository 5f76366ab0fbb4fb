/** Fixed inputs shared by the generated vectors (never valid credentials anywhere). */
export const VECTOR_DATE = '20261123T091500Z';
export const VECTOR_HOST = '8e0c5fe1a2b34c5d9e8f7a6b5c4d3e2f.apig.cn-north-4.huaweicloudapis.com';
export const SERVICE_ID = '468d146d-278a-4ca2-8830-0b6fb37d3b72';
export const INFER = `/v1/infers/${SERVICE_ID}`;

export const CREDENTIALS = {
  iam: { ak: 'HPUAKEXAMPLE0000APIG', sk: 'apigKitVectorSecretKey00000000000000000001' },
  temporary: {
    ak: 'HSTSAKEXAMPLE000APIG',
    sk: 'apigKitTemporarySecretKey000000000000002',
    securityToken: 'gQpjbi1ub3J0aC00iExAMPLEsecurityTOKENapigKIT0000000000000000000000000000000000000000000000000000',
  },
  app: { ak: 'a1b2c3d4e5f6478899aabbccddeeff00', sk: 'appSecretExample0000000000000000000000000003' },
} as const;

export type CredentialName = keyof typeof CREDENTIALS;

/**
 * Every error the mock can answer with, built once: code, HTTP status, exact message, and how we
 * know it (gateway.md §2, §5.2, §6.4). `{name}` in a message is filled from the call site.
 * Messages can be overridden by config (`behaviour.messages`), keyed by the entry's name.
 */
export type Basis = 'documented' | 'observed' | 'inferred';

export interface CatalogueEntry {
  code: string;
  status: number;
  message: string;
  basis: Basis;
}

const IAM = 'Incorrect IAM authentication information: ';
const APP = 'Incorrect app authentication information: ';

export const CATALOGUE = {
  // Route and request shape
  'route.not-found': { code: 'APIG.0101', status: 404, message: 'The API does not exist or has not been published in the environment.', basis: 'documented' },
  'route.method-not-found': { code: 'APIG.0101', status: 404, message: 'The API does not exist.', basis: 'documented' },
  'request.uri-too-large': { code: 'APIG.0201', status: 414, message: 'Request URI too large.', basis: 'documented' },
  'request.headers-too-large': { code: 'APIG.0201', status: 494, message: 'Request headers too large.', basis: 'documented' },
  'request.body-too-large': { code: 'APIG.0201', status: 413, message: 'Request entity too large.', basis: 'documented' },
  'request.bad': { code: 'APIG.0201', status: 400, message: 'API request error.', basis: 'documented' },
  // A client too slow to send its headers or body (APIG has a body read timeout, gateway.md §4; the answer is not documented).
  'request.timeout': { code: 'APIG.0201', status: 408, message: 'Request timeout.', basis: 'inferred' },
  // Too many bodies wait for room in the body budget at once (a flood): APIG's answer to overload is not documented.
  'request.busy': { code: 'APIG.0201', status: 503, message: 'Service unavailable.', basis: 'inferred' },
  // Node would answer an Expect it cannot meet with a bare 417; APIG's (nginx's) answer is not documented.
  'request.expectation-failed': { code: 'APIG.0201', status: 417, message: 'Expectation failed.', basis: 'inferred' },
  // IAM authentication (token, AK/SK): APIG.0301
  'iam.token-missing': { code: 'APIG.0301', status: 401, message: `${IAM}x-auth-token not found`, basis: 'documented' },
  'iam.token-undecodable': { code: 'APIG.0301', status: 401, message: `${IAM}decrypt token fail`, basis: 'documented' },
  'iam.token-expired': { code: 'APIG.0301', status: 401, message: `${IAM}token expires, expires_at: {expiresAt}`, basis: 'documented' },
  'iam.token-must-be-updated': { code: 'APIG.0307', status: 401, message: 'The token must be updated.', basis: 'documented' },
  'iam.ak-unknown': { code: 'APIG.0301', status: 401, message: `${IAM}Get secretKey failed,ak:{accessKey},err:ak not exist`, basis: 'documented' },
  'iam.signature-mismatch': { code: 'APIG.0301', status: 401, message: `${IAM}verify aksk signature fail{canonicalRequest}`, basis: 'observed' },
  'iam.signature-expired': { code: 'APIG.0301', status: 401, message: `${IAM}calc ak sk signature fail:signature expired`, basis: 'documented' },
  'iam.ak-locked': { code: 'APIG.0301', status: 401, message: `${IAM}AK access failed to reach the limit,forbidden`, basis: 'documented' },
  'iam.authorization-malformed': { code: 'APIG.0301', status: 401, message: `${IAM}Access or Credential is empty in Authorization`, basis: 'inferred' },
  // A name listed twice in SignedHeaders: no SDK does it; refused as malformed (inferred).
  'iam.signed-headers-repeated': { code: 'APIG.0301', status: 401, message: `${IAM}Access or Credential is empty in Authorization`, basis: 'inferred' },
  'iam.date-missing': { code: 'APIG.0301', status: 401, message: `${IAM}x-sdk-date not found`, basis: 'inferred' },
  'iam.date-malformed': { code: 'APIG.0301', status: 401, message: `${IAM}x-sdk-date format invalid`, basis: 'inferred' },
  'iam.signed-header-missing': {
    code: 'APIG.0301',
    status: 401,
    message: `${IAM}verify aksk signature fail, signed header {header} not found`,
    basis: 'inferred',
  },
  'iam.security-token-invalid': { code: 'APIG.0301', status: 401, message: `${IAM}verify security token fail`, basis: 'inferred' },
  // App authentication (AppKey/AppSecret signature, AppCode, apikey): APIG.0303
  'app.credentials-missing': { code: 'APIG.0303', status: 401, message: `${APP}app auth information not found`, basis: 'inferred' },
  'app.key-unknown': { code: 'APIG.0303', status: 401, message: `${APP}app not found, appkey {appKey}`, basis: 'documented' },
  'app.signature-mismatch': { code: 'APIG.0303', status: 401, message: `${APP}verify signature fail{canonicalRequest}`, basis: 'documented' },
  'app.signature-expired': {
    code: 'APIG.0303',
    status: 401,
    message: `${APP}signature expired, signature time:{signedAt},server time:{serverTime}`,
    basis: 'documented',
  },
  'app.authorization-malformed': { code: 'APIG.0303', status: 401, message: `${APP}Access or Credential is empty in Authorization`, basis: 'observed' },
  'app.signed-headers-repeated': { code: 'APIG.0303', status: 401, message: `${APP}Access or Credential is empty in Authorization`, basis: 'inferred' },
  'app.date-missing': { code: 'APIG.0303', status: 401, message: `${APP}x-sdk-date not found`, basis: 'inferred' },
  'app.date-malformed': { code: 'APIG.0303', status: 401, message: `${APP}x-sdk-date format invalid`, basis: 'inferred' },
  'app.signed-header-missing': { code: 'APIG.0303', status: 401, message: `${APP}verify signature fail, signed header {header} not found`, basis: 'inferred' },
  'app.appcode-unknown': { code: 'APIG.0303', status: 401, message: `${APP}app not found with specified appCode`, basis: 'documented' },
  // AppCode or apikey over plain HTTP: simple authentication "supports only HTTPS" (documented, gateway.md
  // §3.4); code, status and text are APIG.0607's (documented, §2), their use for this case is inferred.
  'app.simple-auth-https-only': { code: 'APIG.0607', status: 400, message: 'The following protocol is supported: {protocol}', basis: 'inferred' },
  'app.not-authorized': { code: 'APIG.0304', status: 403, message: 'The app is not authorized to access the API.', basis: 'documented' },
  // Throttling and backend
  'throttle.api': {
    code: 'APIG.0308',
    status: 429,
    message: 'The throttling threshold has been reached: policy api over ratelimit,limit:{limit},time:1 second',
    basis: 'documented',
  },
  'backend.timeout': { code: 'APIG.0203', status: 504, message: 'Backend timeout', basis: 'documented' },
  'backend.unavailable': { code: 'APIG.0202', status: 502, message: 'Backend unavailable', basis: 'documented' },
  'gateway.internal': { code: 'APIG.0601', status: 500, message: 'Internal server error.', basis: 'documented' },
  // ModelArts dispatcher, after APIG (gateway.md §6.4)
  'modelarts.domain-token': { code: 'ModelArts.0212', status: 401, message: 'Invalid Token header. The Token not contain project item. ', basis: 'observed' },
  'modelarts.token-region': { code: 'ModelArts.0207', status: 401, message: 'Token must contain project info of current region.', basis: 'documented' },
  // Status and text documented ("Method Not Allowed"), body shape and code not: inferred.
  'modelarts.method-not-allowed': { code: 'ModelArts.4204', status: 405, message: 'Method Not Allowed', basis: 'inferred' },
  'modelarts.foreign-token': { code: 'ModelArts.0203', status: 401, message: 'Invalid token.', basis: 'documented' },
  'modelarts.service-stopped': {
    code: 'ModelArts.4302',
    status: 500,
    message: 'Gateway forwarding error because the access is rejected. ',
    basis: 'documented',
  },
  'modelarts.service-unavailable': {
    code: 'ModelArts.4203',
    status: 400,
    message: 'Invalid request because requested service {serviceId} is unavailable. ',
    basis: 'documented',
  },
  'modelarts.bad-json': { code: 'ModelArts.4105', status: 400, message: 'Incorrect JSON format of the input data.', basis: 'documented' },
  'modelarts.empty-request': { code: 'ModelArts.4202', status: 400, message: 'Empty request.', basis: 'documented' },
  'modelarts.timeout': {
    code: 'ModelArts.4503',
    status: 504,
    message: 'Backend service respond timeout, please confirm your service is able to process the request without timeout. ',
    basis: 'documented',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorKey = keyof typeof CATALOGUE;

/** The error body APIG sends: `{"error_code","error_msg","request_id"}` (gateway.md §1.1). */
export interface ApigErrorBody {
  error_code: string;
  error_msg: string;
  request_id: string;
  [extension: string]: unknown;
}

export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : ''));
}

export class ErrorCatalogue {
  constructor(private readonly overrides: Readonly<Record<string, string>> = {}) {}

  entry(key: ErrorKey): CatalogueEntry {
    const base = CATALOGUE[key];
    const message = this.overrides[key];
    return message === undefined ? base : { ...base, message };
  }

  render(key: ErrorKey, requestId: string, params: Readonly<Record<string, string | number>> = {}): { status: number; body: ApigErrorBody } {
    const entry = this.entry(key);
    return {
      status: entry.status,
      body: { error_code: entry.code, error_msg: fillTemplate(entry.message, params), request_id: requestId },
    };
  }
}

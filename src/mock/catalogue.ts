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
  // A real model behind `proxy`, and the named faults that imitate what the dispatcher and APIG
  // answer when the model fails (modelarts-services.md §4.2 rows 8-14, 18b; gateway.md §2, §6.4).
  'modelarts.backend-refused': {
    code: 'ModelArts.4302',
    status: 500,
    message: 'Gateway forwarding error. Failed to invoke backend service due to connection refused. ',
    basis: 'documented',
  },
  // The 2021 table's text for no ready instance; the mock answers it while the health probe fails.
  'modelarts.no-available-server': {
    code: 'ModelArts.4302',
    status: 500,
    message: 'Gateway forwarding error. Failed to invoke backend service due to no available server.',
    basis: 'documented',
  },
  // Text from the troubleshooting page, status from the 2021 table.
  'modelarts.backend-closed': {
    code: 'ModelArts.4503',
    status: 500,
    message: 'Failed to respond due to backend service not found or failed to respond',
    basis: 'documented',
  },
  'modelarts.backend-ssl': {
    code: 'ModelArts.4503',
    status: 500,
    message: 'Failed to find backend service because SSL error in the backend service, please check the service is https',
    basis: 'documented',
  },
  'modelarts.response-timed-out': {
    code: 'ModelArts.4503',
    status: 504,
    message: 'Failed to find backend service because response timed out, please confirm your service is able to process the request without timeout. ',
    basis: 'documented',
  },
  'modelarts.connection-timeout': { code: 'ModelArts.4205', status: 408, message: 'Connection timed out.', basis: 'documented' },
  'modelarts.read-timeout': { code: 'ModelArts.4505', status: 500, message: 'Internal backend service error because reading timed out.', basis: 'documented' },
  'modelarts.circuit-breaker': {
    code: 'ModelArts.4302',
    status: 500,
    message: 'Due to self protection, the backend service is disconnected, please wait moment.',
    basis: 'documented',
  },
  'modelarts.platform-upgrading': { code: 'ModelArts.4700', status: 503, message: 'Unavailable gateway.', basis: 'documented' },
  // APIG's own answers when it cannot reach its backend (here: the dispatcher), never for a model failure (§4.2 #18b).
  'backend.unreachable': { code: 'APIG.0201', status: 502, message: 'Backend unavailable.', basis: 'documented' },
  'backend.timeout-0201': { code: 'APIG.0201', status: 504, message: 'Backend timeout.', basis: 'documented' },
  'backend.none-available': { code: 'APIG.0610', status: 502, message: 'No backend available.', basis: 'documented' },
  // A status fault whose status has no documented answer: APIG's generic bodies with the status asked for (inferred).
  'fault.client-error': { code: 'APIG.0201', status: 400, message: 'API request error.', basis: 'inferred' },
  'fault.server-error': { code: 'APIG.0601', status: 500, message: 'Internal server error.', basis: 'inferred' },
  // Services of your own (issue #13, modelarts-services.md). A sub-path no API of the service declares (§4.2 #1; `%s` is the sub-path: inferred).
  'modelarts.api-not-found': { code: 'ModelArts.4204', status: 404, message: 'API {api} does not exist.', basis: 'documented' },
  // A declared path, a method it does not declare, with behaviour.methodNotAllowed "modelarts-4204": one of the spec's options (§4.2 #2), inferred.
  'modelarts.api-method-not-found': { code: 'ModelArts.4204', status: 404, message: 'API {api} does not exist.', basis: 'inferred' },
  // The image presets: what a built-in image model answers without its file, or for a file that is no image, is not documented (§4.2 #3): inferred.
  'model.file-missing': { code: 'ModelArts.4105', status: 400, message: 'Incorrect input data: no file in form field {field}.', basis: 'inferred' },
  'model.not-an-image': {
    code: 'ModelArts.4105',
    status: 400,
    message: 'Incorrect input data: the file in form field {field} is not an image (png, jpg, bmp, gif, webp, svg, tiff or psd).',
    basis: 'inferred',
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

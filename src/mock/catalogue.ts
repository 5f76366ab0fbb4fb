/**
 * Every error the mock can answer with, built once: code, HTTP status, exact message, and how we
 * know it (gateway.md §2, §5.2, §6.4). `{name}` in a message is filled from the call site.
 * Messages can be overridden by config (`behaviour.messages`), keyed by the entry's name.
 * A basis covers the entry's trigger as well as its text: a documented text given for a cause the
 * spec does not name is inferred. IAM's own Keystone-shaped answers are in KEYSTONE_CATALOGUE below.
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
  // Relabelled inferred: the text is documented for expired temporary AK/SK [D S7]; for X-Sdk-Date skew,
  // the cause it answers here, only loosely (gateway.md §3.9 "D/I", §8 lists the skew message as a gap).
  'iam.signature-expired': { code: 'APIG.0301', status: 401, message: `${IAM}calc ak sk signature fail:signature expired`, basis: 'inferred' },
  // An issued temporary AK/SK past its expires_at: the text is documented for this case (gateway.md §2.1 [D S7]).
  'iam.temporary-key-expired': { code: 'APIG.0301', status: 401, message: `${IAM}calc ak sk signature fail:signature expired`, basis: 'documented' },
  // A disabled AK with behaviour.disabledAccessKey 'unauthorized': the text is observed for AK/SK IAM rejects (gateway.md §2.1), its use for a disabled key inferred.
  'iam.ak-rejected': { code: 'APIG.0301', status: 401, message: `${IAM}Unauthorized`, basis: 'observed' },
  'iam.ak-locked': { code: 'APIG.0301', status: 401, message: `${IAM}AK access failed to reach the limit,forbidden`, basis: 'documented' },
  // Any other malformed Authorization (gateway.md §8: undocumented); the words are app auth's observed ones for a missing Access=.
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
  // Relabelled inferred: observed only for an Authorization without Access= (app.access-missing); here for any other malformed one.
  'app.authorization-malformed': { code: 'APIG.0303', status: 401, message: `${APP}Access or Credential is empty in Authorization`, basis: 'inferred' },
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
  // Relabelled observed: the form is documented for `policy user` [D S8]; `policy api` is seen only in a user's log
  // (`limit:2000,time:1 minute`, gateway.md §2.3 [O]); the 1-second window is the documented default limit (200/s, §4).
  'throttle.api': {
    code: 'APIG.0308',
    status: 429,
    message: 'The throttling threshold has been reached: policy api over ratelimit,limit:{limit},time:1 second',
    basis: 'observed',
  },
  'backend.timeout': { code: 'APIG.0203', status: 504, message: 'Backend timeout', basis: 'documented' },
  'backend.unavailable': { code: 'APIG.0202', status: 502, message: 'Backend unavailable', basis: 'documented' },
  'gateway.internal': { code: 'APIG.0601', status: 500, message: 'Internal server error.', basis: 'documented' },
  // ModelArts dispatcher, after APIG (gateway.md §6.4)
  'modelarts.domain-token': { code: 'ModelArts.0212', status: 401, message: 'Invalid Token header. The Token not contain project item. ', basis: 'observed' },
  // Relabelled inferred: code and text are in the dispatcher table [D S19]; the cause (a token of another project) is "[I]" there (gateway.md §6.4).
  'modelarts.token-region': { code: 'ModelArts.0207', status: 401, message: 'Token must contain project info of current region.', basis: 'inferred' },
  // Status and text documented ("Method Not Allowed"), body shape and code not: inferred.
  'modelarts.method-not-allowed': { code: 'ModelArts.4204', status: 405, message: 'Method Not Allowed', basis: 'inferred' },
  // A token of an account other than the service owner's (gateway.md §3.1 [D S20], §3.9). AK/SK of another account: modelarts.foreign-aksk.
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
  // Fidelity (issue #14): answers that had borrowed another entry's words or basis.
  // An algorithm outside the signature family: the spec has no text (gateway.md §8), so the words are ours; it names what was offered.
  'iam.algorithm-unknown': { code: 'APIG.0301', status: 401, message: `${IAM}unsupported signing algorithm {algorithm}`, basis: 'inferred' },
  'app.algorithm-unknown': { code: 'APIG.0303', status: 401, message: `${APP}unsupported signing algorithm {algorithm}`, basis: 'inferred' },
  // An Authorization without Access= (or Credential=): observed for app auth (gateway.md §2.2 [O]); the IAM twin is inferred by symmetry.
  'iam.access-missing': { code: 'APIG.0301', status: 401, message: `${IAM}Access or Credential is empty in Authorization`, basis: 'inferred' },
  'app.access-missing': { code: 'APIG.0303', status: 401, message: `${APP}Access or Credential is empty in Authorization`, basis: 'observed' },
  // X-Security-Token sent but left out of SignedHeaders, when behaviour.securityToken is 'signed' (inferred: signing.md §3.3 only says the SDKs sign it).
  'iam.security-token-unsigned': { code: 'APIG.0301', status: 401, message: `${IAM}verify security token fail`, basis: 'inferred' },
  // AK/SK of an account other than the service owner's: the spec documents the owner check for tokens only (gateway.md §3.1); inferred.
  'modelarts.foreign-aksk': { code: 'ModelArts.0203', status: 401, message: 'Invalid token.', basis: 'inferred' },
  // JSON too deep or with too many containers to parse safely: the mock's own bound (limits.maxJsonDepth/maxJsonContainers), answered as incorrect JSON (inferred).
  'modelarts.json-too-complex': { code: 'ModelArts.4105', status: 400, message: 'Incorrect JSON format of the input data.', basis: 'inferred' },
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

/** An IAM error in Keystone's shape, `{"error":{code,message,title}}` (gateway.md §5.2): `code` is the HTTP status. */
export interface KeystoneCatalogueEntry {
  code: number;
  title: string;
  message: string;
  basis: Basis;
}

/**
 * IAM's own answers on /v3/auth/tokens (gateway.md §5), which are not APIG's `error_code`/`error_msg`.
 * The texts are fixed: never a password or a token.
 */
export const KEYSTONE_CATALOGUE = {
  // Bad or non-JSON body (gateway.md §5.2 [D S27]).
  'keystone.body-invalid': { code: 400, title: 'Bad Request', message: 'The request body is invalid', basis: 'documented' },
  // The wording of IAM.1109 [D S30]; which body form IAM uses for it is undocumented: inferred.
  'keystone.project-not-found': { code: 400, title: 'Bad Request', message: 'The project information cannot be found.', basis: 'inferred' },
  // Wrong user, account or password (gateway.md §5.2 [D S27]).
  'keystone.wrong-credentials': { code: 401, title: 'Unauthorized', message: 'The username or password is wrong.', basis: 'documented' },
  // GET/HEAD without a live caller token: IAM.0001's wording [D S30] in Keystone's shape, inferred.
  'keystone.authentication-required': { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.', basis: 'inferred' },
  // An invalid X-Subject-Token (gateway.md §5.3 [D S28]).
  'keystone.subject-token-invalid': { code: 404, title: 'Not Found', message: 'X-Subject-Token is invalid in the request', basis: 'documented' },
  // Another method: IAM documents none; this is Keystone's (Flask's) 405 (inferred).
  // securitytokens with duration_seconds outside 900..86400: the status is documented (400, invalid parameter), the text inferred.
  'keystone.duration-invalid': { code: 400, title: 'Bad Request', message: 'duration_seconds must be an integer from 900 to 86400.', basis: 'inferred' },
  'keystone.method-not-allowed': { code: 405, title: 'Method Not Allowed', message: 'The method is not allowed for the requested URL.', basis: 'inferred' },
} as const satisfies Record<string, KeystoneCatalogueEntry>;

export type KeystoneErrorKey = keyof typeof KEYSTONE_CATALOGUE;

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

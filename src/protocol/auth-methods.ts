/**
 * The one registry of ways to call an API behind APIG: every floor (clients, CLI, suites, the kit,
 * the gateway) names a method by these ids, and maps keyed by AuthMethodId make the compiler point
 * at every place a new method must be handled.
 */
export interface AuthMethodInfo {
  /** IAM-auth APIs take token and AK/SK; app-auth APIs take the app methods (gateway.md §3). */
  family: 'iam' | 'app';
  /** In words, for help texts and reports. */
  title: string;
  /** What a client sends. */
  sends: string;
  /** The credentials the method needs. */
  credentials: readonly string[];
  /** Whether the request is signed (canonical request, X-Sdk-Date). */
  signed: boolean;
}

export const AUTH_METHODS = {
  token: { family: 'iam', title: 'IAM token', sends: 'X-Auth-Token', credentials: ['token, or user + password + account + project'], signed: false },
  aksk: {
    family: 'iam',
    title: 'AK/SK signature',
    sends: 'Authorization: SDK-HMAC-SHA256 …, X-Sdk-Date (X-Security-Token for temporary keys)',
    credentials: ['access key', 'secret key', 'security token (temporary keys)'],
    signed: true,
  },
  app: {
    family: 'app',
    title: 'AppKey/AppSecret signature',
    sends: 'Authorization: SDK-HMAC-SHA256 …, X-Sdk-Date',
    credentials: ['AppKey', 'AppSecret'],
    signed: true,
  },
  appcode: { family: 'app', title: 'AppCode', sends: 'X-Apig-AppCode', credentials: ['AppCode'], signed: false },
  apikey: { family: 'app', title: 'apikey', sends: 'apikey', credentials: ['AppKey'], signed: false },
} as const satisfies Record<string, AuthMethodInfo>;

export type AuthMethodId = keyof typeof AUTH_METHODS;

export const AUTH_METHOD_IDS = Object.keys(AUTH_METHODS) as AuthMethodId[];

export const isAuthMethodId = (value: string): value is AuthMethodId => Object.hasOwn(AUTH_METHODS, value);

/** The methods of one family, in registry order. */
export const authMethodsOf = (family: AuthMethodInfo['family']): AuthMethodId[] => AUTH_METHOD_IDS.filter((id) => AUTH_METHODS[id].family === family);

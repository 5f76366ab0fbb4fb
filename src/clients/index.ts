/** Typed clients for model-inference services behind Huawei Cloud APIG, on the platform fetch. */
export {
  AkSkAuthenticator,
  type AkSkCredentials,
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  type AppCredentials,
  AppSignatureAuthenticator,
  type Authenticator,
  type AuthRequest,
  type SignatureAlgorithmOptions,
  type TemporaryAkSkSource,
  TokenAuthenticator,
} from './auth.ts';
export { type FileUpload, type InferenceInput } from './body.ts';
export { ApigError, ConnectionError, IamError, RequestTimeoutError, RequestTooLargeError, type ResponseError } from './errors.ts';
export { DEFAULT_TIMEOUT_MS, type Fetch } from './http.ts';
export { infer, type InferCallOptions, InferenceClient, type InferenceClientOptions, type InferenceResult, type InferOptions } from './infer.ts';
export { type RetryOptions } from './retry.ts';
export {
  DEFAULT_REFRESH_MARGIN_MS,
  iamTokensUrl,
  type PasswordLogin,
  passwordLoginRequest,
  TokenProvider,
  type TokenProviderOptions,
  type TokenSource,
} from './token.ts';
export { type ClientTlsOptions, tlsFetch } from './tls.ts';
export { type QueryInput, type QueryValue } from './url.ts';
export {
  iamSecurityTokensUrl,
  TEMPORARY_CREDENTIAL_SECONDS,
  type TemporaryCredentialOptions,
  TemporaryCredentialProvider,
  type TemporaryCredentials,
} from './temporary-credentials.ts';
export { type CsvCredential, readCredentialsCsv } from './credentials-csv.ts';

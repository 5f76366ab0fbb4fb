/**
 * `apig-kit/clients`: calling a real-time service on the platform fetch. `InferenceClient` with one
 * authenticator per auth method (token, AK/SK, app signature, AppCode, apikey), `TokenProvider` for
 * IAM password logins, and the typed errors (`ApigError`, `IamError`, timeouts, size, connection).
 */
export * from '../clients/index.ts';

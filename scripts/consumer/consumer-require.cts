// A CommonJS TypeScript module (module nodenext): require() of the ESM entry points, with their types.
import clients = require('apig-kit/clients');
import protocol = require('apig-kit/protocol');

export const client: InstanceType<typeof clients.InferenceClient> = new clients.InferenceClient({
  serviceUrl: 'http://127.0.0.1:8787/v1/infers/x',
  auth: new clients.ApiKeyAuthenticator('key'),
});
export const signed: string =
  protocol.signRequest({ method: 'GET', url: 'http://h/', headers: {} }, { accessKey: 'a', secretKey: 'b' }).headers['Authorization'] ?? '';

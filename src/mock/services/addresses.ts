import type { ServedAddresses } from '../state/mock-state.ts';
import type { AddressBases } from './usage-guide.ts';

/**
 * The base URLs of the two addresses as a client that reached `baseUrl` sees them: the same host,
 * the other address's port (or the base URLs the msw handlers were given).
 */
export function addressBases(addresses: ServedAddresses, baseUrl: string, cameTo: 'iam' | undefined): AddressBases {
  const withPort = (port: number, protocol?: 'http:') => {
    const url = new URL(baseUrl);
    url.port = String(port);
    if (protocol) url.protocol = protocol;
    return url.origin;
  };
  const first = addresses.firstBaseUrl ?? (cameTo === 'iam' && addresses.firstPort !== undefined ? withPort(addresses.firstPort) : baseUrl);
  // startGateway serves the IAM address over plain HTTP, whatever the first address speaks.
  const iam = addresses.iamBaseUrl ?? (addresses.iamPort === undefined ? undefined : cameTo === 'iam' ? baseUrl : withPort(addresses.iamPort, 'http:'));
  return { first, iam };
}

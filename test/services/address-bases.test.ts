import { describe, expect, it } from 'vitest';
import { addressBases } from '../../src/mock/services/addresses.ts';

describe('addressBases', () => {
  it('gives the IAM address as plain HTTP, the only way startGateway serves it, even to a client on HTTPS', () => {
    expect(addressBases({ iamPort: 8789 }, 'https://127.0.0.1:8788', undefined)).toEqual({ first: 'https://127.0.0.1:8788', iam: 'http://127.0.0.1:8789' });
    expect(addressBases({ iamPort: 8788 }, 'http://localhost:8787', undefined)).toEqual({ first: 'http://localhost:8787', iam: 'http://localhost:8788' });
  });

  it('seen from the IAM address, names the first one by its port', () => {
    expect(addressBases({ iamPort: 8788, firstPort: 8787 }, 'http://127.0.0.1:8788', 'iam')).toEqual({
      first: 'http://127.0.0.1:8787',
      iam: 'http://127.0.0.1:8788',
    });
  });
});

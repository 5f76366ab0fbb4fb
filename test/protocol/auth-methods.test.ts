/** The auth-method registry against gateway.md §3: which methods IAM-auth and app-auth APIs take. */
import { describe, expect, it } from 'vitest';
import { AUTH_METHOD_IDS, AUTH_METHODS, authMethodsOf, isAuthMethodId } from '../../src/protocol/index.ts';

describe('the auth-method registry', () => {
  it('IAM-auth APIs take a token or an AK/SK signature; app-auth APIs an app signature, an AppCode or an apikey (gateway.md §3)', () => {
    expect(authMethodsOf('iam')).toEqual(['token', 'aksk']);
    expect(authMethodsOf('app')).toEqual(['app', 'appcode', 'apikey']);
    expect(AUTH_METHOD_IDS).toEqual(['token', 'aksk', 'app', 'appcode', 'apikey']);
  });

  it('only the two signatures are signed', () => {
    expect(AUTH_METHOD_IDS.filter((id) => AUTH_METHODS[id].signed)).toEqual(['aksk', 'app']);
  });

  it('knows its own ids and nothing else, not even what an object inherits', () => {
    for (const id of AUTH_METHOD_IDS) expect(isAuthMethodId(id)).toBe(true);
    for (const other of ['app-signature', 'Token', '', 'toString', '__proto__']) expect(isAuthMethodId(other)).toBe(false);
  });
});

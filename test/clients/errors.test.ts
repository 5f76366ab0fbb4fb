/** The error classes themselves: names, fields, messages. */
import { describe, expect, it } from 'vitest';
import { ApigError, IamError, RequestTimeoutError, RequestTooLargeError } from '../../src/clients/index.ts';

describe('error classes', () => {
  it('are Errors with their own name', () => {
    const all = [
      new ApigError({ status: 404, errorCode: 'APIG.0101', errorMsg: 'The API does not exist.', requestId: 'r' }),
      new IamError({ status: 401, code: 401, title: 'Unauthorized', errorMsg: 'The username or password is wrong.' }),
      new RequestTooLargeError(12_582_913, 12_582_912),
      new RequestTimeoutError(40_000),
    ];
    expect(all.every((e) => e instanceof Error)).toBe(true);
    expect(all.map((e) => String(e))).toEqual([
      'ApigError: APIG.0101: The API does not exist. (status 404, request r)',
      'IamError: IAM 401 Unauthorized: The username or password is wrong.',
      "RequestTooLargeError: the request body is 12582913 bytes, over the gateway's limit of 12582912 bytes (it would answer 413 APIG.0201); nothing was sent",
      'RequestTimeoutError: no complete answer within 40000 ms',
    ]);
  });

  it('serialise their fields', () => {
    expect(JSON.parse(JSON.stringify(new ApigError({ status: 429, errorCode: 'APIG.0308', errorMsg: 'm', requestId: undefined })))).toEqual({
      name: 'ApigError',
      status: 429,
      errorCode: 'APIG.0308',
      errorMsg: 'm',
    });
    expect(JSON.parse(JSON.stringify(new RequestTooLargeError(2, 1)))).toEqual({ name: 'RequestTooLargeError', bodyBytes: 2, limitBytes: 1 });
  });
});

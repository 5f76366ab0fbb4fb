import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The Python signer was written from the spec alone; the fixed vectors are its independent check.
describe('the Python reference signer', () => {
  it('reproduces every sign and published vector (canonical request, string to sign, Authorization)', () => {
    const output = execFileSync('python3', ['fixtures/clients/python/test_vectors.py'], { encoding: 'utf8', timeout: 60_000 });
    expect(output).toMatch(/\b0 mismatch/);
  });
});

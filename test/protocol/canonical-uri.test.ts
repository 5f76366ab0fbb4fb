import { describe, expect, it } from 'vitest';
import { canonicalUri } from '../../src/protocol/canonical/uri.ts';

// signing.md §1.3 "Canonical URI": decode, split on '/', encode segments, re-join, ensure trailing '/'.

describe('canonicalUri', () => {
  it.each([
    ['/v1/x', '/v1/x/'],
    ['/v1/x/', '/v1/x/'],
    ['/', '/'],
    ['', '/'],
  ])('adds the trailing slash exactly once: %j → %s', (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });

  it('keeps empty segments: /a//b → /a//b/', () => {
    expect(canonicalUri('/a//b')).toBe('/a//b/');
  });

  it('keeps a trailing empty segment: /a// → /a//', () => {
    expect(canonicalUri('/a//')).toBe('/a//');
  });

  it('does not remove dot segments', () => {
    expect(canonicalUri('/a/./b/../c')).toBe('/a/./b/../c/');
  });

  it('matches the official doc vector path', () => {
    expect(canonicalUri('/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs')).toBe('/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/');
  });

  it('decodes then re-encodes: /a%20b/c:d → /a%20b/c%3Ad/ (§2 Node v3 consequence)', () => {
    expect(canonicalUri('/a%20b/c:d')).toBe('/a%20b/c%3Ad/');
  });

  it('does not double-encode an escape (%25 stays %25, not %2525)', () => {
    expect(canonicalUri('/100%25')).toBe('/100%25/');
  });

  it('normalises lower-case escapes to upper case', () => {
    expect(canonicalUri('/caf%c3%a9')).toBe('/caf%C3%A9/');
  });

  it('encodes raw non-ASCII characters as UTF-8', () => {
    expect(canonicalUri('/café')).toBe('/caf%C3%A9/');
  });

  it('decodes unreserved escapes to the plain character: %7E → ~, %41 → A', () => {
    expect(canonicalUri('/%7Euser/%41')).toBe('/~user/A/');
  });

  it('encodes reserved characters inside a segment', () => {
    expect(canonicalUri('/a+b/c*d/e=f')).toBe('/a%2Bb/c%2Ad/e%3Df/');
  });

  it('splits after decoding, so an encoded %2F becomes a separator', () => {
    expect(canonicalUri('/a%2Fb')).toBe('/a/b/');
  });

  it('re-encodes a lone % as %25', () => {
    expect(canonicalUri('/50%')).toBe('/50%25/');
  });

  it('keeps bytes that are not valid UTF-8 byte for byte', () => {
    expect(canonicalUri('/%FF')).toBe('/%FF/');
  });
});

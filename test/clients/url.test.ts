/** Inference URLs: service URL, sub-path and query (gateway.md §6.1, signing.md §7.1). */
import { describe, expect, it } from 'vitest';
import { buildQuery, encodeQueryComponent, inferenceUrl } from '../../src/clients/url.ts';

const BASE = 'https://gw.example.test/v1/infers/abc';

describe('inferenceUrl', () => {
  it('is the service URL when nothing is added', () => {
    expect(inferenceUrl(BASE).toString()).toBe(BASE);
  });

  it('joins a sub-path with exactly one slash and keeps a trailing slash', () => {
    expect(inferenceUrl(BASE, 'predictions/poetry').pathname).toBe('/v1/infers/abc/predictions/poetry');
    expect(inferenceUrl(`${BASE}/`, '/predictions/poetry').pathname).toBe('/v1/infers/abc/predictions/poetry');
    expect(inferenceUrl(BASE, '/sdapi/v1/txt2img/').pathname).toBe('/v1/infers/abc/sdapi/v1/txt2img/');
  });

  it('appends the query to one the service URL already has', () => {
    expect(inferenceUrl(`${BASE}?x=1`, undefined, { y: 2 }).search).toBe('?x=1&y=2');
    expect(inferenceUrl(BASE, undefined, {}).search).toBe('');
  });
});

describe('query encoding', () => {
  it('percent-encodes everything but unreserved characters; a space is %20, never +', () => {
    expect(encodeQueryComponent("a b+c!*'()~._-é/")).toBe('a%20b%2Bc%21%2A%27%28%29~._-%C3%A9%2F');
  });

  it('keeps order, repeats array values, skips undefined, stringifies scalars', () => {
    expect(buildQuery({ b: 'x', a: ['2', '1'], n: 3, t: true, skip: undefined })).toBe('b=x&a=2&a=1&n=3&t=true');
  });
});

/** Request bodies: JSON, multipart built by hand, base64 in a JSON field (gateway.md §6.2). */
import { describe, expect, it } from 'vitest';
import { readFirstFile } from '../../src/mock/models/multipart-file.ts';
import { encodeInput, multipartBody, randomBoundary, toBase64 } from '../../src/clients/body.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('encodeInput', () => {
  it('JSON: the UTF-8 of JSON.stringify, application/json, signed payload', () => {
    const body = encodeInput({ json: { a: 'é', n: [1, 2] } });
    expect(decode(body.bytes)).toBe('{"a":"é","n":[1,2]}');
    expect(body).toMatchObject({ contentType: 'application/json', unsignedPayload: false });
  });

  it('JSON with no JSON form is refused', () => {
    expect(() => encodeInput({ json: undefined })).toThrow(/no JSON form/);
  });

  it('base64Field: {"<field>": "<base64>"}', () => {
    const content = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const body = encodeInput({ base64Field: { field: 'image', content } });
    expect(JSON.parse(decode(body.bytes))).toEqual({ image: Buffer.from(content).toString('base64') });
    expect(body.unsignedPayload).toBe(false);
  });

  it('toBase64 matches Buffer for every length around a chunk boundary', () => {
    for (const n of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 13) % 256);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('multipart/form-data', () => {
  it('one file part, exact bytes, readable by a standard parser; signed as UNSIGNED-PAYLOAD', async () => {
    const content = new Uint8Array([0, 1, 2, 13, 10, 45, 45, 255]);
    const body = encodeInput({ file: { field: 'images', name: 'flower.png', content, contentType: 'image/png' } });
    expect(body.unsignedPayload).toBe(true);
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(body.contentType)![1]!;
    expect(Buffer.from(body.bytes).toString('latin1')).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="flower.png"\r\nContent-Type: image/png\r\n\r\n${Buffer.from(content).toString('latin1')}\r\n--${boundary}--\r\n`,
    );
    const file = await readFirstFile(Buffer.from(body.bytes), body.contentType, new AbortController().signal);
    expect(file).toMatchObject({ field: 'images', filename: 'flower.png', mimeType: 'image/png' });
    expect([...file!.bytes]).toEqual([...content]);
  });

  it('escapes quotes and line breaks in names; defaults the type', () => {
    const body = multipartBody({ field: 'a"b', name: 'x\r\ny.png', content: new Uint8Array() }, 'B');
    expect(decode(body.bytes)).toBe(
      '--B\r\nContent-Disposition: form-data; name="a%22b"; filename="x%0D%0Ay.png"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--B--\r\n',
    );
  });

  it('boundaries are random', () => {
    expect(randomBoundary()).toMatch(/^----apig-kit-[0-9a-f]{32}$/);
    expect(randomBoundary()).not.toBe(randomBoundary());
  });
});

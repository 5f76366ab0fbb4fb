import { describe, expect, it } from 'vitest';
import { imageClassifierModel } from '../../src/mock/models/image-classifier.ts';
import { FLOWER_LABELS } from '../../src/mock/models/image-scores.ts';
import { bodyJson, type FormPart, jsonRequest, modelRequest, multipartBody } from './model-request.ts';

const BOUNDARY = '----apigKitBoundary7MA4YWxkTrZu0gW';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const BAD_JSON = { error_code: 'ModelArts.4105', error_msg: 'Incorrect JSON format of the input data.' };
const NO_FILE = { error_code: 'ModelArts.4105', error_msg: 'Incorrect input data: no file in form field images.' };
const NOT_AN_IMAGE = {
  error_code: 'ModelArts.4105',
  error_msg: 'Incorrect input data: the file in form field images is not an image (png, jpg, bmp, gif, webp, svg, tiff or psd).',
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngOf = (text: string) => Buffer.concat([PNG_SIGNATURE, Buffer.from(text)]);

// A PNG signature (which holds CR LF itself), then bytes that look like a boundary line but are not,
// and a trailing CRLF that belongs to the file, not to the multipart framing.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\r\n--not-the-boundary\r\n\r\n'),
  Buffer.from([0x00, 0x01, 0x02, 0xff, 0x0d, 0x0a, 0x0d]),
  Buffer.from('\r\n'),
]);
const PNG_ANSWER = {
  predicted_label: 'sunflower',
  scores: [
    ['sunflower', 0.9735],
    ['daisy', 0.011],
    ['rose', 0.0069],
    ['tulip', 0.006],
    ['dandelion', 0.0026],
  ],
};

interface Classification {
  predicted_label: string;
  scores: Array<[string, number]>;
}

async function classifyForm(parts: FormPart[], contentType = MULTIPART) {
  return imageClassifierModel(modelRequest('image-classifier', { headers: [['content-type', [contentType]]], body: multipartBody(BOUNDARY, parts) }));
}

const imageFile = (content: Buffer | string, name = 'images'): FormPart => ({ name, filename: 'test.png', contentType: 'image/png', content });

describe('image classifier model, multipart', () => {
  it('classifies the exact bytes of a binary file with CR/LF inside', async () => {
    const response = await classifyForm([imageFile(png)]);
    expect(response.status).toBe(200);
    expect(bodyJson(response)).toEqual(PNG_ANSWER);
  });

  it('gives the same image the same answer every time, and another image another answer', async () => {
    const first = bodyJson(await classifyForm([imageFile(png)]));
    const again = bodyJson(await classifyForm([imageFile(png)]));
    const other = bodyJson(await classifyForm([imageFile(png.subarray(0, png.length - 1))]));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('answers scores for every flower, predicted label first, 4 decimals, summing to 1', async () => {
    for (let i = 0; i < 50; i++) {
      const answer = bodyJson(await classifyForm([imageFile(pngOf(`image number ${i}`))])) as Classification;
      const [top, ...rest] = answer.scores;
      expect(top?.[0]).toBe(answer.predicted_label);
      expect(top?.[1]).toBeGreaterThanOrEqual(0.9);
      expect(top?.[1]).toBeLessThan(1);
      expect(answer.scores.map(([label]) => label).sort()).toEqual([...FLOWER_LABELS].sort());
      for (const [, score] of answer.scores) {
        expect(score).toBeGreaterThan(0);
        expect(Math.abs(score * 10_000 - Math.round(score * 10_000))).toBeLessThan(1e-6);
      }
      expect(rest.map(([, score]) => score)).toEqual(rest.map(([, score]) => score).sort((a, b) => b - a));
      expect(answer.scores.reduce((sum, [, score]) => sum + score, 0)).toBeCloseTo(1, 9);
    }
  });

  it('reads the file in the images field, skipping text fields and files in other fields', async () => {
    const response = await classifyForm([{ name: 'note', content: 'not a file' }, imageFile(pngOf('another'), 'file'), imageFile(png)]);
    expect(bodyJson(response)).toEqual(PNG_ANSWER);
  });

  it('refuses a file sent in another field (curl -F file=@…), as the declared input parameter is images', async () => {
    const response = await classifyForm([imageFile(png, 'file')]);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(NO_FILE);
  });

  it('refuses a file that is not an image (a text file)', async () => {
    const response = await classifyForm([imageFile('just some notes\n')]);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(NOT_AN_IMAGE);
  });

  it('classifies only the first of two files', async () => {
    const response = await classifyForm([imageFile(png), imageFile(pngOf('a second image'))]);
    expect(bodyJson(response)).toEqual(PNG_ANSWER);
  });

  it('answers a form without a file, or with an empty one, with the missing-file refusal', async () => {
    const response = await classifyForm([{ name: 'images', content: 'just text' }]);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(NO_FILE);
    expect(bodyJson(await classifyForm([imageFile('')]))).toEqual(NO_FILE);
  });

  it('answers a form cut short before its closing boundary with ModelArts.4105', async () => {
    const whole = multipartBody(BOUNDARY, [imageFile(png)]);
    const cut = whole.subarray(0, whole.length - `--${BOUNDARY}--\r\n`.length - 4);
    const response = await imageClassifierModel(modelRequest('image-classifier', { headers: [['content-type', [MULTIPART]]], body: cut }));
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(BAD_JSON);
  });

  it('answers a multipart Content-Type without a boundary with ModelArts.4105', async () => {
    expect(bodyJson(await classifyForm([imageFile(png)], 'multipart/form-data'))).toEqual(BAD_JSON);
  });

  it('answers an empty body with ModelArts.4202', async () => {
    const response = await imageClassifierModel(modelRequest('image-classifier', { headers: [['content-type', [MULTIPART]]] }));
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error_code: 'ModelArts.4202', error_msg: 'Empty request.' });
  });

  it('rejects with the signal reason when the gateway has already given up', async () => {
    const controller = new AbortController();
    const reason = new Error('backend timeout');
    controller.abort(reason);
    const request = modelRequest('image-classifier', {
      headers: [['content-type', [MULTIPART]]],
      body: multipartBody(BOUNDARY, [imageFile(png)]),
      signal: controller.signal,
    });
    await expect(imageClassifierModel(request)).rejects.toBe(reason);
  });
});

describe('image classifier model, base64 JSON', () => {
  it('gives the same answer as for the same bytes sent as a file', async () => {
    const response = await imageClassifierModel(jsonRequest('image-classifier', { image: png.toString('base64') }));
    expect(response.status).toBe(200);
    expect(bodyJson(response)).toEqual(PNG_ANSWER);
  });

  it('accepts a data URL', async () => {
    const response = await imageClassifierModel(jsonRequest('image-classifier', { image: `data:image/png;base64,${png.toString('base64')}` }));
    expect(bodyJson(response)).toEqual(PNG_ANSWER);
  });

  it('refuses base64 bytes that are not an image', async () => {
    const response = await imageClassifierModel(jsonRequest('image-classifier', { image: Buffer.from('rose.jpg bytes').toString('base64') }));
    expect(bodyJson(response)).toEqual(NOT_AN_IMAGE);
  });

  it('answers a known image with a fixed label', async () => {
    const response = await imageClassifierModel(jsonRequest('image-classifier', { image: pngOf('rose.jpg bytes').toString('base64') }));
    expect(bodyJson(response)).toEqual({
      predicted_label: 'daisy',
      scores: [
        ['daisy', 0.9183],
        ['rose', 0.0329],
        ['sunflower', 0.028],
        ['tulip', 0.0149],
        ['dandelion', 0.0059],
      ],
    });
  });

  it.each([
    ['a body that is not JSON', 'image=abc'],
    ['no image field', JSON.stringify({ images: png.toString('base64') })],
    ['an image that is not a string', JSON.stringify({ image: 12 })],
    ['an image that is not base64', JSON.stringify({ image: 'not base64!' })],
    ['an empty image', JSON.stringify({ image: '' })],
  ])('answers %s with ModelArts.4105', async (_, body) => {
    const response = await imageClassifierModel(jsonRequest('image-classifier', body));
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(BAD_JSON);
  });
});

/**
 * The built-in mode presets (modelarts-services.md §2, §6): the documented answer shapes,
 * deterministic from the input and the world seed; the image presets read the declared file field.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import type { ModelSpec } from '../../src/mock/config/schema.ts';
import { modelFor } from '../../src/mock/models/index.ts';
import type { ServiceApi } from '../../src/mock/model-config/service-api.ts';
import { serviceApis } from '../../src/mock/services/service-apis.ts';
import { bodyJson, jsonRequest, modelRequest, multipartBody, serviceFor } from './model-request.ts';

const BOUNDARY = 'presetBoundary0123';
const MULTIPART = [['content-type', [`multipart/form-data; boundary=${BOUNDARY}`]]] as Array<[string, string[]]>;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a tiny test picture')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('another picture')]);

function presetService(model: ModelSpec, seed?: number) {
  const config = resolveConfig({ world: { ...(seed === undefined ? {} : { seed }), services: [{ ...serviceFor('echo'), model }] } });
  return { service: config.world.services[0]!, seed: config.world.seed };
}

async function call(model: ModelSpec, parts: Parameters<typeof modelRequest>[1] & { api?: ServiceApi }, seed?: number) {
  const { service, seed: worldSeed } = presetService(model, seed);
  const request = { ...modelRequest('echo', { ...parts, service }), seed: worldSeed, api: parts.api ?? serviceApis(service).apis[0] };
  return modelFor(service)(request);
}

const image = (bytes: Buffer, field = 'images') => multipartBody(BOUNDARY, [{ name: field, filename: 'x.png', contentType: 'image/png', content: bytes }]);
const imageCall = (model: ModelSpec, bytes: Buffer, field?: string, seed?: number) => call(model, { headers: MULTIPART, body: image(bytes, field) }, seed);

describe('image-classification preset', () => {
  it('answers {"predicted_label", "scores"} with [label, score] pairs from the labels given, top label first', async () => {
    const labels = ['cat', 'dog', 'bird'];
    const response = await imageCall({ preset: 'image-classification', labels }, PNG);
    expect(response.status).toBe(200);
    const answer = bodyJson(response) as { predicted_label: string; scores: Array<[string, number]> };
    expect(Object.keys(answer)).toEqual(['predicted_label', 'scores']);
    expect(answer.scores.map(([label]) => label).sort()).toEqual([...labels].sort());
    expect(answer.scores[0]![0]).toBe(answer.predicted_label);
    expect(answer.scores.reduce((sum, [, score]) => sum + score, 0)).toBeCloseTo(1, 9);
  });

  it('is deterministic from the image and the world seed', async () => {
    const model: ModelSpec = { preset: 'image-classification', labels: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] };
    const first = bodyJson(await imageCall(model, PNG, undefined, 7));
    expect(bodyJson(await imageCall(model, PNG, undefined, 7))).toEqual(first);
    const others = await Promise.all([1, 2, 3, 4, 5].map((seed) => imageCall(model, PNG, undefined, seed).then(bodyJson)));
    expect(others.some((answer) => JSON.stringify(answer) !== JSON.stringify(first))).toBe(true);
  });

  it('reads the field the API declares as file, and refuses the image sent in images then', async () => {
    const api: ServiceApi = {
      url: '/',
      method: 'POST',
      protocol: undefined,
      requestContentType: 'multipart/form-data',
      responseContentType: 'application/json',
      requestSchema: { type: 'object', properties: { input_img: { type: 'file' } }, required: ['input_img'] },
      responseSchema: undefined,
    };
    const model: ModelSpec = { preset: 'image-classification' };
    expect((await call(model, { headers: MULTIPART, body: image(PNG, 'input_img'), api })).status).toBe(200);
    const wrong = await call(model, { headers: MULTIPART, body: image(PNG), api });
    expect([wrong.status, bodyJson(wrong)]).toEqual([
      400,
      { error_code: 'ModelArts.4105', error_msg: 'Incorrect input data: no file in form field input_img.' },
    ]);
  });

  it('takes the field option when the API declares none, and refuses a file that is not an image', async () => {
    expect((await imageCall({ preset: 'image-classification', field: 'file' }, JPEG, 'file')).status).toBe(200);
    const text = await imageCall({ preset: 'image-classification' }, Buffer.from('notes.txt'));
    expect(bodyJson(text)).toEqual({
      error_code: 'ModelArts.4105',
      error_msg: 'Incorrect input data: the file in form field images is not an image (png, jpg, bmp, gif, webp, svg, tiff or psd).',
    });
  });

  it('knows the image types the Prediction tab takes by their first bytes (§3.6), SVG included', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    for (const bytes of [PNG, JPEG, svg, webp, Buffer.from('GIF89a...'), Buffer.from('BM....'), Buffer.from('8BPS....')]) {
      expect((await imageCall({ preset: 'image-processing' }, bytes)).status, bytes.subarray(0, 8).toString('latin1')).toBe(200);
    }
    expect((await imageCall({ preset: 'image-processing' }, Buffer.from('RIFF\0\0\0\0WAVEfmt '))).status).toBe(400);
  });
});

describe('object-detection preset', () => {
  it('answers detection_classes, detection_boxes (4 numbers, y_min < y_max, x_min < x_max) and falling detection_scores', async () => {
    const answer = bodyJson(await imageCall({ preset: 'object-detection', maxBoxes: 5 }, PNG)) as {
      detection_classes: string[];
      detection_boxes: number[][];
      detection_scores: number[];
    };
    expect(Object.keys(answer)).toEqual(['detection_classes', 'detection_boxes', 'detection_scores']);
    const n = answer.detection_classes.length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(answer.detection_boxes).toHaveLength(n);
    expect(answer.detection_scores).toHaveLength(n);
    for (const [yMin, xMin, yMax, xMax] of answer.detection_boxes) {
      expect(yMin!).toBeLessThan(yMax!);
      expect(xMin!).toBeLessThan(xMax!);
    }
    expect([...answer.detection_scores].sort((a, b) => b - a)).toEqual(answer.detection_scores);
    for (const score of answer.detection_scores) expect(score > 0 && score < 1).toBe(true);
  });

  it('writes the numbers as strings on request (the observed ExeML answer) and keeps them the same values', async () => {
    const asNumbers = bodyJson(await imageCall({ preset: 'object-detection' }, JPEG)) as Record<string, unknown[]>;
    const asText = bodyJson(await imageCall({ preset: 'object-detection', numbers: 'string' }, JPEG)) as Record<string, unknown[]>;
    expect(asText.detection_scores).toEqual(asNumbers.detection_scores!.map(String));
    expect(asText.detection_boxes).toEqual((asNumbers.detection_boxes as number[][]).map((box) => box.map(String)));
  });
});

describe('predictive-analytics preset', () => {
  const rows = [
    { attr_1: '58', attr_2: 'management', attr_7: '' },
    { attr_1: 44, attr_2: 'technician', attr_7: '' },
  ];
  const uuid = '10eb0091-887f-4839-9929-cbc884f1e20e';
  const predict = (body: unknown, options: Record<string, unknown> = {}) =>
    call({ preset: 'predictive-analytics', ...options } as ModelSpec, { headers: [['content-type', ['application/json']]], body: JSON.stringify(body) });

  it('answers by default the inputs plus predictresult, one per row in order, the uuid echoed (§6.2 b)', async () => {
    const answer = bodyJson(await predict({ meta: { uuid }, data: { req_data: rows } })) as {
      meta: unknown;
      data: { resp_data: Array<Record<string, unknown>> };
    };
    expect(answer.meta).toEqual({ uuid });
    expect(answer.data.resp_data).toHaveLength(2);
    answer.data.resp_data.forEach((out, i) => {
      expect(out).toEqual({ ...rows[i], predictresult: out.predictresult });
      expect([0, 1]).toContain(out.predictresult);
    });
  });

  it('answers a blank uuid without meta, and draws results from the values given, deterministically', async () => {
    const options = { results: ['yes', 'no'] };
    const first = bodyJson(await predict({ data: { req_data: rows } }, options)) as { meta: unknown; data: { resp_data: Array<{ predictresult: string }> } };
    expect(first.meta).toEqual({ uuid: '' });
    for (const out of first.data.resp_data) expect(['yes', 'no']).toContain(out.predictresult);
    expect(bodyJson(await predict({ data: { req_data: rows } }, options))).toEqual(first);
  });

  it('answers the other documented shapes on request (§6.2 a, c, d), and mirrors a request without the data wrapper', async () => {
    const a = bodyJson(await predict({ data: { req_data: rows } }, { shape: 'config-docs', results: ['unacc'] }));
    expect(a).toEqual({ data: { resp_data: [{ predict_result: 'unacc' }, { predict_result: 'unacc' }] } });
    const xgboost = bodyJson(await predict({ req_data: rows }, { shape: 'config-docs', results: ['Iris-setosa'] }));
    expect(xgboost).toEqual({ resp_data: [{ predict_result: 'Iris-setosa' }, { predict_result: 'Iris-setosa' }] });
    const c = bodyJson(await predict({ data: { req_data: rows.slice(0, 1) } }, { shape: 'exeml', results: ['no'] }));
    expect(c).toEqual({ data: { resp_data: [{ predict: 'no' }] } });
    const d = bodyJson(await predict({ data: { req_data: rows.slice(0, 1) } }, { shape: 'test-service-2021', results: ['yes'] }));
    expect(d).toEqual({ result: { count: 1, resp_data: [{ attr_1: 58, attr_2: 'management', attr_7: '', probabilitycol: 1, predictioncol: 'yes' }] } });
    const named = bodyJson(await predict({ data: { req_data: rows.slice(0, 1) } }, { resultField: 'label', results: [3] }));
    expect(named).toEqual({ meta: { uuid: '' }, data: { resp_data: [{ ...rows[0], label: 3 }] } });
  });

  it('answers bad JSON or another shape 400 ModelArts.4105 and an empty body 4202', async () => {
    for (const body of ['{"data":', '[]', JSON.stringify({ data: { req_data: [] } }), JSON.stringify({ data: { req_data: [1] } })]) {
      const response = await call({ preset: 'predictive-analytics' }, { headers: [['content-type', ['application/json']]], body });
      expect(bodyJson(response), body).toEqual({ error_code: 'ModelArts.4105', error_msg: 'Incorrect JSON format of the input data.' });
    }
    expect(bodyJson(await call({ preset: 'predictive-analytics' }, {}))).toEqual({ error_code: 'ModelArts.4202', error_msg: 'Empty request.' });
  });
});

describe('undefined preset', () => {
  it('answers with what it got, on any method and path (§2: no limit)', async () => {
    const response = await call(
      { preset: 'undefined' },
      { method: 'PUT', subPath: '/v1/completions', headers: [['content-type', ['application/json']]], body: '{"a":1}' },
    );
    expect(bodyJson(response)).toMatchObject({ method: 'PUT', sub_path: '/v1/completions', json: { a: 1 } });
    const { service } = presetService({ preset: 'undefined' });
    expect(serviceApis(service).apis.map((a) => `${a.method} ${a.url}`)).toEqual(['* *']);
  });
});

describe('the demo iris model keeps its name and answers seed 000 shape', () => {
  it('answers the inputs plus predictresult', async () => {
    const row = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };
    const response = await modelFor(serviceFor('iris'))(jsonRequest('iris', { data: { req_data: [row] } }));
    expect(bodyJson(response)).toEqual({ meta: { uuid: '' }, data: { resp_data: [{ ...row, predictresult: 'Iris-setosa' }] } });
  });
});

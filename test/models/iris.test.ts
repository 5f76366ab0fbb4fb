import { describe, expect, it } from 'vitest';
import { irisModel } from '../../src/mock/models/iris.ts';
import { bodyJson, jsonRequest, modelRequest } from './model-request.ts';

const setosa = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };
const versicolor = { sepal_length: 7.0, sepal_width: 3.2, petal_length: 4.7, petal_width: 1.4 };
const virginica = { sepal_length: 6.3, sepal_width: 3.3, petal_length: 6.0, petal_width: 2.5 };
const BAD_JSON = { error_code: 'ModelArts.4105', error_msg: 'Incorrect JSON format of the input data.' };

describe('iris model', () => {
  it('predicts one species per row, in order, and echoes the uuid', async () => {
    const uuid = '10eb0091-887f-4839-9929-cbc884f1e20e';
    const response = await irisModel(jsonRequest('iris', { meta: { uuid }, data: { req_data: [virginica, setosa, versicolor] } }));
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(bodyJson(response)).toEqual({
      meta: { uuid },
      // The inputs plus `predictresult` (modelarts-services.md §6.2 b, the answer seed 000 describes).
      data: {
        resp_data: [
          { ...virginica, predictresult: 'Iris-virginica' },
          { ...setosa, predictresult: 'Iris-setosa' },
          { ...versicolor, predictresult: 'Iris-versicolor' },
        ],
      },
    });
  });

  it('answers a blank uuid when meta or its uuid is absent', async () => {
    for (const body of [{ data: { req_data: [setosa] } }, { meta: {}, data: { req_data: [setosa] } }]) {
      expect(bodyJson(await irisModel(jsonRequest('iris', body)))).toEqual({
        meta: { uuid: '' },
        data: { resp_data: [{ ...setosa, predictresult: 'Iris-setosa' }] },
      });
    }
  });

  it('splits on petal length at 2.5 and 4.9', async () => {
    const rows = [2.49, 2.5, 4.89, 4.9].map((petal_length) => ({ ...setosa, petal_length }));
    const body = bodyJson(await irisModel(jsonRequest('iris', { data: { req_data: rows } }))) as { data: { resp_data: Array<{ predictresult: string }> } };
    expect(body.data.resp_data.map((r) => r.predictresult)).toEqual(['Iris-setosa', 'Iris-versicolor', 'Iris-versicolor', 'Iris-virginica']);
  });

  it('accepts any sub-path', async () => {
    const response = await irisModel(jsonRequest('iris', { data: { req_data: [versicolor] } }, { subPath: '/predictions/iris' }));
    expect(response.status).toBe(200);
  });

  it('answers an empty body with ModelArts.4202, without a request_id', async () => {
    const response = await irisModel(modelRequest('iris', { headers: [['content-type', ['application/json']]] }));
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error_code: 'ModelArts.4202', error_msg: 'Empty request.' });
  });

  it.each([
    ['a body that is not JSON', '{"data":'],
    ['a JSON array', '[]'],
    ['no data', JSON.stringify({ meta: { uuid: 'x' } })],
    ['req_data that is not an array', JSON.stringify({ data: { req_data: setosa } })],
    ['an empty req_data', JSON.stringify({ data: { req_data: [] } })],
    ['a row without petal_length', JSON.stringify({ data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_width: 1 }] } })],
    ['a feature given as a string', JSON.stringify({ data: { req_data: [{ ...setosa, petal_length: '1.4' }] } })],
    ['a uuid that is not a string', JSON.stringify({ meta: { uuid: 42 }, data: { req_data: [setosa] } })],
  ])('answers %s with ModelArts.4105', async (_, body) => {
    const response = await irisModel(jsonRequest('iris', body));
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual(BAD_JSON);
  });
});

// Plain Node, ESM: every entry point imports; the mock starts; a signed call gets 200.
import assert from 'node:assert/strict';
import * as everyday from 'apig-kit';
import * as clients from 'apig-kit/clients';
import * as express from 'apig-kit/express';
import * as kit from 'apig-kit/kit';
import * as mock from 'apig-kit/mock';
import * as msw from 'apig-kit/msw';
import * as protocol from 'apig-kit/protocol';
import * as vitest from 'apig-kit/vitest';
import manifest from 'apig-kit/package.json' with { type: 'json' };

const entries = { everyday, clients, express, kit, mock, msw, protocol, vitest };
for (const [name, module] of Object.entries(entries)) assert.ok(Object.keys(module).length > 0, `${name} exports nothing`);
assert.equal(typeof express.createGateway, 'function');
assert.equal(typeof msw.createGatewayHandlers, 'function');
assert.equal(typeof kit.runKit, 'function');
assert.equal(typeof vitest.default, 'function');
assert.equal(typeof mock.createGatewayCore, 'function');
assert.match(manifest.version, /^\d+\.\d+\.\d+/);
// The kit finds the scenarios shipped in the package from dist/.
const scenarios = await kit.loadScenarios([kit.BUNDLED_SCENARIOS]);
assert.ok(scenarios.length >= 20, `only ${scenarios.length} bundled scenarios`);
assert.ok(kit.BUNDLED_SCENARIOS.includes('node_modules/apig-kit/fixtures/scenarios'), kit.BUNDLED_SCENARIOS);

const { startGateway, InferenceClient, AkSkAuthenticator, DEMO_CREDENTIALS, DEMO_SERVICE_IDS } = everyday;
const running = await startGateway();
try {
  const client = new InferenceClient({
    serviceUrl: `${running.url}/v1/infers/${DEMO_SERVICE_IDS.iris}`,
    auth: new AkSkAuthenticator({ accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey }),
  });
  const result = await client.infer({ json: { data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_length: 1.4, petal_width: 0.2 }] } } });
  assert.equal(result.status, 200);

  const body = '{"data":{"req_data":[]}}';
  const { headers } = protocol.signRequest(
    { method: 'POST', url: `${running.url}/v1/infers/${DEMO_SERVICE_IDS.echo}`, headers: { 'Content-Type': 'application/json' }, body },
    { accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey },
    { date: Date.now() },
  );
  const signed = await fetch(`${running.url}/v1/infers/${DEMO_SERVICE_IDS.echo}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  assert.equal(signed.status, 200);
  console.log(`esm: ${Object.keys(entries).length} entry points imported; signed calls answered ${result.status} and ${signed.status}`);
} finally {
  await running.close();
}

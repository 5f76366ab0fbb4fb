// CommonJS: require() of the ESM entry points (Node >= 20.19).
const assert = require('node:assert/strict');
const { InferenceClient, AkSkAuthenticator, ApigError } = require('apig-kit/clients');
assert.equal(typeof InferenceClient, 'function');
assert.equal(typeof AkSkAuthenticator, 'function');
assert.equal(typeof ApigError, 'function');
for (const entry of ['apig-kit', 'apig-kit/protocol', 'apig-kit/mock', 'apig-kit/express', 'apig-kit/msw', 'apig-kit/kit', 'apig-kit/vitest']) {
  assert.ok(Object.keys(require(entry)).length > 0, `${entry} exports nothing`);
}
assert.equal(typeof require('apig-kit/protocol').signRequest, 'function');
console.log('cjs: require() of every entry point works');

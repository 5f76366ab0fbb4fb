/**
 * `apig-kit/vitest`: the mock gateway in a vitest run, in two lines. In vitest.config:
 * `test: { globalSetup: ['apig-kit/vitest'] }`; in a test: `const mock = mockGateway()` for its
 * `url`, `world`, `serviceUrl(name)` and `reset()`.
 */
export { default, type MockGatewayHandle, mockGateway, type ProvidedMockGateway } from '../vitest/mock-gateway.ts';

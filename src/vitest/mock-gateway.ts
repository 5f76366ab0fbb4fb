import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { ADMIN_PREFIX, type GatewayConfigOverrides, startGateway, type World } from '../mock/index.ts';

/** What the globalSetup hands to the tests: where the mock listens and the world it serves. */
export interface ProvidedMockGateway {
  url: string;
  /** The IAM address (modelarts-services.md §5.1): there a service with app auth takes token and AK/SK too. */
  iamUrl: string;
  world: World;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mock started by `apig-kit/vitest`'s globalSetup. */
    apigKitMock: ProvidedMockGateway;
    /** The mock's config, set in vitest.config as `test.provide.apigKitMockConfig` (default: the demo world). */
    apigKitMockConfig?: GatewayConfigOverrides;
  }
}

/** vitest globalSetup: the mock gateway on a free port for the whole run, closed at its end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = await startGateway({ config: project.getProvidedContext().apigKitMockConfig ?? {}, iamPort: 0 });
  project.provide('apigKitMock', { url: running.url, iamUrl: running.iamUrl!, world: running.gateway.config.world });
  return () => running.close();
}

export interface MockGatewayHandle extends ProvidedMockGateway {
  /**
   * The inference URL of the world's service with this name, e.g. `serviceUrl('iris-classifier')`;
   * with `'iam'`, at the IAM address (a service with app auth called with a token or AK/SK).
   */
  serviceUrl(name: string, address?: 'app' | 'iam'): string;
  /** Clock, journal, faults, lockouts and throttles back to their start (`POST /_apig-kit/reset`). */
  reset(): Promise<void>;
}

/** In a test: the mock that the globalSetup started. */
export function mockGateway(): MockGatewayHandle {
  const provided = inject('apigKitMock');
  if (!provided) throw new Error("no mock gateway: add globalSetup: ['apig-kit/vitest'] to the test config");
  const { url, iamUrl, world } = provided;
  return {
    url,
    iamUrl,
    world,
    serviceUrl(name, address = 'app') {
      const service = world.services.find((s) => s.name === name);
      if (!service) throw new Error(`the mock's world has no service "${name}" (it has ${world.services.map((s) => s.name).join(', ')})`);
      return `${address === 'iam' ? iamUrl : url}/v1/infers/${service.id}`;
    },
    async reset() {
      // Admin writes are JSON (a web page's cross-site form post cannot be).
      const response = await fetch(`${url}${ADMIN_PREFIX}/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`resetting the mock gateway: HTTP ${response.status}`);
    },
  };
}

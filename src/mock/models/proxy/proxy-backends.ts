import type { Service } from '../../config/schema.ts';
import { isProxyModel, type ProxyOptions } from '../proxy-config.ts';
import type { Model } from '../types.ts';
import type { HealthView } from './health-probe.ts';
import { ProxyBackend } from './proxy-backend.ts';

/**
 * One ProxyBackend per service whose model is a proxy (its connections, its health probe), made
 * for the world's services at start and for a service added later on its first call. Bounded by
 * the world's services; `close()` stops every probe and connection.
 */
export class ProxyBackends {
  readonly #backends = new Map<string, { options: ProxyOptions; backend: ProxyBackend }>();
  #closed = false;

  constructor(
    services: readonly Service[],
    private readonly idleTimeoutMs: number,
  ) {
    for (const service of services) if (isProxyModel(service.model) && service.state === 'running') this.#backendOf(service);
  }

  /** The model behind a proxy service. */
  modelFor(service: Service): Model {
    return this.#backendOf(service).model;
  }

  /** The health of each proxied service's model, by service id. */
  health(): Record<string, HealthView | undefined> {
    return Object.fromEntries([...this.#backends].map(([id, { backend }]) => [id, backend.health()]));
  }

  backend(serviceId: string): ProxyBackend | undefined {
    return this.#backends.get(serviceId)?.backend;
  }

  close(): void {
    this.#closed = true;
    for (const { backend } of this.#backends.values()) backend.close();
    this.#backends.clear();
  }

  #backendOf(service: Service): ProxyBackend {
    if (!isProxyModel(service.model)) throw new Error(`service ${service.id} has no proxy model`);
    const options = service.model.proxy;
    const known = this.#backends.get(service.id);
    if (known?.options === options) return known.backend;
    // The service's model was changed at runtime: the old connections and probe go.
    known?.backend.close();
    const backend = new ProxyBackend(options, { idleTimeoutMs: this.idleTimeoutMs });
    this.#backends.set(service.id, { options, backend });
    // After close() a late call still gets an answer, but no timer starts again.
    if (!this.#closed) backend.start();
    return backend;
  }
}

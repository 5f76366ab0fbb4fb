import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type Health = 'unknown' | 'healthy' | 'unhealthy';

export interface HealthView {
  state: Health;
  /** The last probe, in words (status or error). */
  last?: string | undefined;
  consecutiveFailures: number;
}

export interface ProbeOptions {
  target: URL;
  path: string;
  intervalMs: number;
  failureThreshold: number;
  timeoutMs: number;
  agent: Agent;
  verifyTls: boolean;
}

/**
 * ModelArts' readiness probe (modelarts-services.md §3.3, documented): `GET /health` every period,
 * healthy on 200-399, the body ignored; after `failureThreshold` failures in a row the model is out
 * of service until a probe passes again. The first probe goes at once (the model is a local one,
 * already started: ModelArts' 12 s initial delay is for a container still booting, inferred);
 * until one has answered the state is unknown and calls go through. The timer is unref'd: it
 * never keeps the process alive, and `stop()` ends it.
 */
export class HealthProbe {
  #state: Health = 'unknown';
  #last: string | undefined;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<HealthView> | undefined;
  #stopped = false;
  readonly #options: ProbeOptions;

  constructor(options: ProbeOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer || this.#stopped) return;
    void this.probe();
    this.#timer = setInterval(() => void this.probe(), this.#options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  view(): HealthView {
    return { state: this.#state, last: this.#last, consecutiveFailures: this.#failures };
  }

  /** One probe now (the timer's, or a test's); while one is out, its outcome. */
  probe(): Promise<HealthView> {
    this.#inFlight ??= this.#probeOnce().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #probeOnce(): Promise<HealthView> {
    const outcome = await this.#once();
    if (this.#stopped) return this.view();
    this.#last = outcome.detail;
    if (outcome.ok) {
      this.#failures = 0;
      this.#state = 'healthy';
    } else {
      this.#failures = Math.min(this.#failures + 1, this.#options.failureThreshold);
      if (this.#failures >= this.#options.failureThreshold) this.#state = 'unhealthy';
    }
    return this.view();
  }

  #once(): Promise<{ ok: boolean; detail: string }> {
    const { target, path, timeoutMs, agent, verifyTls } = this.#options;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const prefix = target.pathname.replace(/\/+$/, '');
    return new Promise((resolve) => {
      const req = send(
        {
          host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: target.port,
          path: `${prefix}${path}`,
          method: 'GET',
          agent,
          headers: { host: target.host },
          timeout: timeoutMs,
          ...(target.protocol === 'https:' ? { rejectUnauthorized: verifyTls } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          // The body is not evaluated (§3.3); read and dropped so the connection can be reused.
          res.resume();
          res.once('end', () => resolve({ ok: status >= 200 && status <= 399, detail: `GET ${path} answered ${status}` }));
          res.on('error', () => resolve({ ok: false, detail: `GET ${path} broke off` }));
        },
      );
      req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, detail: `GET ${path} failed: ${error.code ?? error.message}` }));
      req.end();
    });
  }
}

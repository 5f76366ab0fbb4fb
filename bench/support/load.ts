import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
}

export interface LoadRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
}

/** One autocannon run over loopback: the same request again and again, `connections` at a time. */
export async function runLoad(request: LoadRequest, settings: LoadSettings): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections: settings.connections,
    duration: settings.durationSeconds,
    pipelining: 1,
  });
  const total = result.requests.total;
  return {
    // total / duration rather than the per-second average, which drops a partial last second.
    requestsPerSecond: total / (result.duration || settings.durationSeconds),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: total === 0 ? 0 : Math.round(result.throughput.total / total),
  };
}

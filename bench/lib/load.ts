import autocannon, { type Options, type RequestSpec, type Result } from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export interface LoadOptions {
  url: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Per-request setup (rotating URLs or bodies). */
  setupRequest?: RequestSpec['setupRequest'];
  connections: number;
  durationS: number;
  warmupS: number;
}

/** Warm-up run (discarded), then the measured run, both with autocannon. */
export async function measureLoad(o: LoadOptions): Promise<LoadResult> {
  const request: RequestSpec = { method: o.method ?? 'GET', path: o.path ?? '/' };
  if (o.headers) request.headers = o.headers;
  if (o.body !== undefined) request.body = o.body;
  if (o.setupRequest) request.setupRequest = o.setupRequest;
  const base: Options = { url: o.url, connections: o.connections, timeout: 30, requests: [request] };
  if (o.warmupS > 0) await run({ ...base, duration: o.warmupS });
  const r = await run({ ...base, duration: o.durationS });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

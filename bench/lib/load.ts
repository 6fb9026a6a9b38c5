import http from 'node:http';
import { createRequire } from 'node:module';
import autocannon, { type Options, type RequestSpec, type Result } from 'autocannon';

/**
 * autocannon 9 appends every response body to a string (`req.body += data`) for options this harness
 * never uses (expectBody, onResponse). Decoding gzip or Cyrillic bytes that way cost the load
 * generator ≈ 85 µs per 8.8 KB answer: it saturated its core at ≈ 10,800 req/s while the server was
 * ≈ 20 % idle, so the client, not the server, was measured (bench/README.md, «Четвёртая сессия»).
 * Bodies are still received and counted (bytes, throughput); they are just not kept.
 */
function stopKeepingBodies(): void {
  const require = createRequire(import.meta.resolve('autocannon'));
  const queue = require('./lib/pipelinedRequestsQueue.js') as { prototype: Record<string, unknown> };
  if (typeof queue.prototype.addBody !== 'function')
    throw new Error('autocannon changed: PipelinedRequestsQueue.addBody is gone, review bench/lib/load.ts');
  queue.prototype.addBody = () => {};
}
stopKeepingBodies();

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Requests of the discarded warm-up run (autocannon only), for per-request CPU time. */
  warmupRequests?: number;
  /** autocannon only: bytes received in the measured run, as sent (compressed when compressed). */
  bytes?: number;
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
  const warmup = o.warmupS > 0 ? await run({ ...base, duration: o.warmupS }) : null;
  const r = await run({ ...base, duration: o.durationS });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    warmupRequests: warmup?.requests.total ?? 0,
    bytes: r.throughput.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

interface ClosedLoopOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
}

/** `connections` workers sending one request after another for `durationS`, after a warm-up. */
async function closedLoop(o: ClosedLoopOptions, send: () => Promise<number>): Promise<LoadResult> {
  const runFor = async (seconds: number) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const status = await send();
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: o.connections }, worker));
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p: number) =>
      Number((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(2));
    const non2xx = Object.entries(statusCodes)
      .filter(([c]) => !c.startsWith('2'))
      .reduce((s, [, n]) => s + n, 0);
    return {
      rps: latencies.length / elapsed,
      p50: q(0.5),
      p99: q(0.99),
      requests: latencies.length,
      errors,
      non2xx,
      statusCodes,
    };
  };
  if (o.warmupS > 0) await runFor(o.warmupS);
  return runFor(o.durationS);
}

/**
 * Closed-loop load with fetch (undici). Used where autocannon cannot follow the answer (a 304
 * carrying a Content-Length but no body); compare its figures only with the ceiling measured by this
 * same function.
 */
export function measureFetchLoad(o: ClosedLoopOptions): Promise<LoadResult> {
  return closedLoop(o, async () => {
    const res = await fetch(o.url, { headers: o.headers ?? {} });
    await res.arrayBuffer();
    return res.status;
  });
}

/**
 * Closed-loop load with node:http and keep-alive, the body read but not decoded (as a browser's
 * network stack receives it). For large bodies: autocannon's own receive path tops out at about
 * 60 MB/s here (one connection: 7 ms for a 413 KB answer that node:http reads in 0.7 ms), so with
 * autocannon the load generator, not the server, would be measured.
 */
export async function measureHttpLoad(o: ClosedLoopOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const send = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, headers: o.headers, agent },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  try {
    return await closedLoop(o, send);
  } finally {
    agent.destroy();
  }
}

import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** A logged-in API client for the harness (cookie + CSRF token), built on fetch. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  json: unknown;
  bytes: number;
  ms: number;
}

export class ApiSession {
  constructor(
    readonly baseUrl: string,
    readonly username: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  /** Headers autocannon sends to act as this user (unsafe requests need the CSRF token). */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...extra };
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    return send(this.baseUrl, method, path, {
      ...options,
      headers: this.headers(options.headers),
    });
  }
}

/** Kept-alive sockets for `sendBytes`, like fetch's pool. */
const bytesAgent = new Agent({ keepAlive: true });

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  }
  return headers;
}

/**
 * A request whose body is `raw`, sent with node:http in one socket write. fetch (undici) copies a
 * byte body and sends it through a web stream: measured on the 8 MB photo, that cost the client
 * ≈ 19 ms per upload of the two cores it shares with the server (upload p50 45 → 24–26 ms, the
 * server's own time unchanged), while a phone's upload reaches Node through nginx anyway.
 */
function sendBytes(
  url: string,
  method: string,
  headers: Record<string, string>,
  raw: Buffer,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = httpRequest(
      url,
      { method, agent: bytesAgent, headers: { ...headers, 'content-length': String(raw.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const ms = performance.now() - t0;
          const responseHeaders = toHeaders(res.headers);
          resolve({
            status: res.statusCode ?? 0,
            headers: responseHeaders,
            json: parseJson(responseHeaders, buf),
            bytes: buf.length,
            ms,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

function parseJson(headers: Headers, buf: Buffer): unknown {
  if (!(headers.get('content-type') ?? '').includes('json') || !buf.length) return null;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return null;
  }
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw) {
    headers['content-type'] ??= 'application/octet-stream';
    return sendBytes(baseUrl + path, method, headers, options.raw);
  }
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(baseUrl + path, { method, headers, body });
  } catch {
    // A pooled keep-alive socket the server closed meanwhile (after a long pause): retry once.
    res = await fetch(baseUrl + path, { method, headers, body });
  }
  const buf = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t0;
  return {
    status: res.status,
    headers: res.headers,
    json: parseJson(res.headers, buf),
    bytes: buf.length,
    ms,
  };
}

export async function login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string; error?: { code: string } };
  if (res.status !== 200 || !body.csrfToken) {
    throw new Error(`login as ${username} failed: ${res.status} ${body.error?.code ?? ''}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  return new ApiSession(baseUrl, username, cookie, body.csrfToken);
}

/** The error code of an API error body, if it is one. */
export function errorCode(json: unknown): string | null {
  if (json && typeof json === 'object' && 'error' in json) {
    const error = (json as { error?: { code?: unknown } }).error;
    return typeof error?.code === 'string' ? error.code : null;
  }
  return null;
}

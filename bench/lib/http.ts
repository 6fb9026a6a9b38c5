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

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.raw) {
    body = new Uint8Array(options.raw.buffer as ArrayBuffer, options.raw.byteOffset, options.raw.length);
    headers['content-type'] ??= 'application/octet-stream';
  } else if (options.body !== undefined) {
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
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json') && buf.length) {
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch {
      json = null;
    }
  }
  return { status: res.status, headers: res.headers, json, bytes: buf.length, ms };
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

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import path from 'node:path';
import { ROOT } from './ops-cli.js';

export const SITE = path.join(ROOT, 'deploy/nginx/souzlift.conf');

export interface NginxLayout {
  dir: string;
  conf: string;
  mediaDir: string;
  clientDir: string;
  maintenanceFlag: string;
  httpPort: number;
  httpsPort: number;
  upstreamPort: number;
}

/**
 * The shipped site, unchanged except for what must differ on a test machine: ports, the certificate
 * (a throw-away self-signed one), and the absolute paths, which point into `dir`.
 */
export function renderNginx(
  dir: string,
  ports: { http: number; https: number; upstream: number },
  mediaDir: string,
): NginxLayout {
  chmodSync(dir, 0o755); // nginx workers may run as another user
  for (const d of ['logs', 'tmp', 'client/assets', 'acme']) mkdirSync(path.join(dir, d), { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=audit.example.ru',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const maintenanceFlag = path.join(dir, 'maintenance.on');
  const site = readFileSync(SITE, 'utf8')
    .replaceAll('/etc/letsencrypt/live/audit.example.ru/fullchain.pem', path.join(dir, 'cert.pem'))
    .replaceAll('/etc/letsencrypt/live/audit.example.ru/privkey.pem', path.join(dir, 'key.pem'))
    .replaceAll('/var/log/nginx/', `${path.join(dir, 'logs')}/`)
    .replaceAll('/opt/souzlift/deploy/nginx/maintenance', path.join(ROOT, 'deploy/nginx/maintenance'))
    .replaceAll('/opt/souzlift/dist/client', path.join(dir, 'client'))
    .replaceAll('/var/lib/souzlift/media/', `${mediaDir}/`)
    .replaceAll('/etc/nginx/souzlift-maintenance.on', maintenanceFlag)
    .replaceAll('/var/www/letsencrypt', path.join(dir, 'acme'))
    .replaceAll('server 127.0.0.1:8000;', `server 127.0.0.1:${ports.upstream};`)
    .replace(/^\s*listen \[::\]:\d+.*$/gm, '')
    .replace(/listen 80;/g, `listen 127.0.0.1:${ports.http};`)
    .replace(/listen 443 ssl http2;/g, `listen 127.0.0.1:${ports.https} ssl http2;`);
  writeFileSync(path.join(dir, 'site.conf'), site);
  const tmp = path.join(dir, 'tmp');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root root;\n' : ''}worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${path.join(dir, 'logs', 'access.log')};
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  include ${path.join(dir, 'site.conf')};
}
`,
  );
  return {
    dir,
    conf,
    mediaDir,
    clientDir: path.join(dir, 'client'),
    maintenanceFlag,
    httpPort: ports.http,
    httpsPort: ports.https,
    upstreamPort: ports.upstream,
  };
}

export function nginxArgs(layout: NginxLayout): string[] {
  return ['-c', layout.conf, '-p', `${layout.dir}/`, '-e', path.join(layout.dir, 'logs', 'error.log')];
}

export async function startNginx(layout: NginxLayout): Promise<ChildProcess> {
  const child = spawn('nginx', [...nginxArgs(layout), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${err}`);
    try {
      await fetchRaw({ port: layout.httpPort, path: '/', tls: false });
      return child;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** HTTP(S) to 127.0.0.1 accepting the self-signed certificate; `host` is the Host header. */
export function fetchRaw(options: {
  port: number;
  path: string;
  tls?: boolean;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send `Expect: 100-continue` and the body only if the server asks for it (413 comes first). */
  expectContinue?: boolean;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const make = options.tls === false ? httpRequest : request;
    const req = make(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: {
          host: 'audit.example.ru',
          ...(options.expectContinue ? { expect: '100-continue' } : {}),
          ...(options.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        rejectUnauthorized: false,
        servername: 'audit.example.ru',
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.expectContinue && options.body !== undefined) {
      const body = options.body;
      req.on('continue', () => req.end(body));
    } else if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

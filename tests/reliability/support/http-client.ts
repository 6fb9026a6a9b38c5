import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp } from '../../helpers/app.js';
import { buildElevator, publishChecklist } from '../../helpers/audit-factories.js';
import { type BuiltUser, buildUser } from '../../helpers/factories.js';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A signed-in client of a real server over HTTP (cookie + CSRF), for child-process tests. */
export class HttpClient {
  private cookie = '';
  private csrf = '';

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
    this.cookie = sid?.split(';')[0] ?? '';
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async send(
    method: string,
    url: string,
    body?: unknown,
    extra: { raw?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { cookie: this.cookie, ...extra.headers };
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = this.csrf;
    let payload: string | Blob | undefined;
    if (extra.raw) payload = new Blob([new Uint8Array(extra.raw)]);
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload });
    return { status: res.status, text: await res.text() };
  }
}

export interface PreparedData {
  dir: string;
  auditor: BuiltUser;
  versionId: number;
  questions: Array<{ id: number; type: string }>;
  elevator: { id: number; uuid: string };
}

/** A data dir with a migrated database, an auditor, a published checklist and an approved elevator. */
export async function prepareDataDir(prefix: string): Promise<PreparedData> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const t = await createTestApp({ DATA_DIR: dir });
  const admin = await buildUser(t.ctx, { role: 'admin' });
  const auditor = await buildUser(t.ctx);
  const version = await publishChecklist(t.ctx, admin.id);
  const { elevator } = await buildElevator(t.ctx);
  await t.close();
  return {
    dir,
    auditor,
    versionId: version.versionId,
    questions: version.questions.map((q) => ({ id: q.id, type: q.type })),
    elevator: { id: elevator.id, uuid: elevator.uuid },
  };
}

/** A small deterministic PRNG (mulberry32) so random kill moments reproduce from a printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Smoke checks of a running instance (runbook §1.3: «контрольный заход в админку и портал аудитора,
 * доступность статики и медиа»):  npm run test:smoke -- --url https://audit.example.ru
 * Always: /healthz, /readyz, the login page, one hashed static asset. With SMOKE_USER/SMOKE_PASSWORD:
 * login, /api/auth/me, one call per portal (admin: users; auditor: audits) and one stored photo
 * (SMOKE_PHOTO_UUID, or the first photo found in the newest audits). Exit 1 when anything fails.
 */
import { parseArgs } from 'node:util';

interface Outcome {
  ok: boolean;
  name: string;
  detail: string;
}

const outcomes: Outcome[] = [];
const record = (ok: boolean, name: string, detail: string) => {
  outcomes.push({ ok, name, detail });
  console.log(`${ok ? 'OK  ' : 'FAIL'} ${name}: ${detail}`);
};
const skip = (name: string, detail: string) => console.log(`--   ${name}: ${detail}`);

async function get(url: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000), ...init });
  } catch (error) {
    return Object.assign(new Response(null, { status: 599 }), { error }) as Response;
  }
}

const describeStatus = (res: Response | null) =>
  !res ? 'нет ответа' : res.status === 599 ? 'нет соединения' : `HTTP ${res.status}`;

/** Finds `{uuid, mime: image/…}` objects anywhere in an API answer (attachment DTOs). */
function findPhotoUuid(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findPhotoUuid(v);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.uuid === 'string' && typeof o.mime === 'string' && o.mime.startsWith('image/'))
      return o.uuid;
    for (const v of Object.values(o)) {
      const found = findPhotoUuid(v);
      if (found) return found;
    }
  }
  return null;
}

async function checkPublic(base: string): Promise<void> {
  const health = await get(`${base}/healthz`);
  if (health?.status === 200) {
    const body = (await health.json()) as { version?: string };
    record(true, '/healthz', `версия ${body.version ?? '?'}`);
  } else record(false, '/healthz', describeStatus(health));

  const ready = await get(`${base}/readyz`);
  if (ready?.status === 200) {
    const body = (await ready.json()) as { lastBackup?: { name: string; ageHours: number } | null };
    record(
      true,
      '/readyz',
      body.lastBackup ? `готово; последняя копия ${body.lastBackup.ageHours} ч назад` : 'готово',
    );
  } else record(false, '/readyz', `${describeStatus(ready)} ${ready ? await ready.text() : ''}`.trim());

  const page = await get(`${base}/login`, { headers: { accept: 'text/html' } });
  const html = page?.status === 200 ? await page.text() : '';
  const isHtml = (page?.headers.get('content-type') ?? '').includes('text/html');
  record(
    page?.status === 200 && isHtml,
    'страница входа',
    page?.status === 200 ? 'открывается' : describeStatus(page),
  );

  const asset = /(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
  if (!asset) {
    record(false, 'статика', 'в странице нет ссылки на /assets/…');
    return;
  }
  const res = await get(base + asset);
  const cache = res?.headers.get('cache-control') ?? '';
  record(
    res?.status === 200 && /max-age=\d{6,}/.test(cache),
    'статика',
    res?.status === 200 ? `${asset} (Cache-Control: ${cache || 'нет'})` : `${asset}: ${describeStatus(res)}`,
  );
}

async function checkAccount(base: string, username: string, password: string): Promise<void> {
  const origin = new URL(base).origin;
  const login = await get(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  if (login?.status !== 200) {
    record(false, 'вход', `${describeStatus(login)} для ${username}`);
    return;
  }
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { role: string } };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  record(true, 'вход', `${username} (${user.role})`);
  const api = (url: string) => get(base + url, { headers: { cookie } });

  const me = await api('/api/auth/me');
  record(me?.status === 200, '/api/auth/me', describeStatus(me));

  if (user.role === 'admin') {
    const users = await api('/api/users?pageSize=1');
    record(users?.status === 200, 'портал администратора', `GET /api/users: ${describeStatus(users)}`);
  } else skip('портал администратора', 'учётная запись не администратор');

  const audits = await api('/api/audits?pageSize=5');
  record(audits?.status === 200, 'портал аудитора', `GET /api/audits: ${describeStatus(audits)}`);

  let photo = process.env.SMOKE_PHOTO_UUID || null;
  if (!photo && audits?.status === 200) {
    const list = (await audits.json()) as { items?: { uuid: string; photoCount?: number }[] };
    for (const item of list.items ?? []) {
      if (!item.photoCount) continue;
      const card = await api(`/api/audits/${item.uuid}`);
      if (card?.status === 200) photo = findPhotoUuid(await card.json());
      if (photo) break;
    }
  }
  if (photo) {
    const res = await api(`/api/attachments/${photo}`);
    const type = res?.headers.get('content-type') ?? '';
    const bytes = res?.status === 200 ? (await res.arrayBuffer()).byteLength : 0;
    record(
      res?.status === 200 && type.startsWith('image/') && bytes > 0,
      'фото',
      res?.status === 200 ? `${photo}: ${type}, ${bytes} байт` : `${photo}: ${describeStatus(res)}`,
    );
  } else skip('фото', 'в последних аудитах нет фотографий (задайте SMOKE_PHOTO_UUID)');

  await get(`${base}/api/auth/logout`, {
    method: 'POST',
    headers: { cookie, origin, 'x-csrf-token': csrfToken },
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const base = (values.url ?? process.env.SMOKE_URL ?? '').replace(/\/+$/, '');
  if (!base) {
    console.error('Укажите адрес: npm run test:smoke -- --url https://audit.example.ru');
    process.exit(2);
  }
  console.log(`Smoke-проверки ${base}`);
  await checkPublic(base);
  const { SMOKE_USER: user, SMOKE_PASSWORD: password } = process.env;
  if (user && password) await checkAccount(base, user, password);
  else skip('вход', 'SMOKE_USER/SMOKE_PASSWORD не заданы — проверки под учётной записью пропущены');
  const failed = outcomes.filter((o) => !o.ok);
  console.log(
    failed.length ? `Не пройдено: ${failed.map((f) => f.name).join(', ')}` : 'Все проверки пройдены.',
  );
  process.exit(failed.length ? 1 : 0);
}

await main();

import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/server/db/connect.js';
import { retryDelayMs } from '../../src/server/notifications/index.js';
import { ApiClient, createTestApp } from '../helpers/app.js';
import { runCli, startServer, tempDataDir } from '../helpers/cli.js';
import { loggedIn } from '../helpers/factories.js';
import { startSmtpSink } from '../helpers/smtp.js';

const ADMIN_PASSWORD = 'Главный-инженер-1';
let dataDir: string;
let temporaryPassword = '';

function outbox() {
  const handle = connectDatabase(path.join(dataDir, 'db.sqlite3'));
  const rows = handle.sqlite
    .prepare(
      'select "to", subject, text, attempts, sent_at, last_error, next_attempt_at from mail_outbox order by id',
    )
    .all() as Array<Record<string, string | number | null>>;
  handle.sqlite.close();
  return rows;
}

function makeAllDue() {
  const handle = connectDatabase(path.join(dataDir, 'db.sqlite3'));
  handle.sqlite.prepare(`update mail_outbox set next_attempt_at = '2000-01-01T00:00:00.000Z'`).run();
  handle.sqlite.close();
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

beforeAll(async () => {
  dataDir = tempDataDir('souzlift-mail-');
  runCli(['migrate'], { DATA_DIR: dataDir });
  runCli(['createadmin', '--username', 'chief', '--password', ADMIN_PASSWORD], { DATA_DIR: dataDir });
  // The admin creates an auditor with an e-mail address through the real HTTP API.
  const server = await startServer({ DATA_DIR: dataDir });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'chief', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await login.json();
  const created = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      username: 'ivanova',
      role: 'auditor',
      fullName: 'Иванова Анна',
      email: 'anna@souzlift.test',
    }),
  });
  expect(created.status).toBe(201);
  temporaryPassword = (await created.json()).temporaryPassword;
  await server.stop();
}, 60_000);

describe('mail outbox', () => {
  it('queues a Russian «account created» mail that never contains the password', () => {
    const [mail] = outbox();
    expect(mail).toMatchObject({ to: 'anna@souzlift.test', attempts: 0, sent_at: null });
    expect(mail!.subject).toContain('учётная запись');
    expect(mail!.text).toContain('ivanova');
    expect(mail!.text).not.toContain(temporaryPassword);
  });

  it('keeps a mail that could not be delivered, with the error and a later retry time', () => {
    const res = runCli(['send-mail-queue'], { DATA_DIR: dataDir, SMTP_URL: 'smtp://127.0.0.1:9' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('останутся в очереди');
    const [mail] = outbox();
    expect(mail).toMatchObject({ attempts: 1, sent_at: null });
    expect(mail!.last_error).toBeTruthy();
    expect(Date.parse(String(mail!.next_attempt_at))).toBeGreaterThan(Date.now());
  });

  it('delivers the queued mail to a real SMTP server on retry, with subject and body intact', async () => {
    const sink = await startSmtpSink();
    try {
      makeAllDue();
      const res = runCli(['send-mail-queue'], { DATA_DIR: dataDir, SMTP_URL: sink.url });
      expect(res.stdout).toContain('Отправлено писем: 1');
      expect(res.status).toBe(0);
      const [message] = await sink.messages();
      expect(message!.subject).toBe('Для вас создана учётная запись в «Союзлифт Аудит»');
      expect(message!.text).toContain('Имя пользователя: ivanova');
      expect(message!.to && 'text' in message!.to ? message!.to.text : '').toContain('anna@souzlift.test');
      expect(outbox()[0]).toMatchObject({ attempts: 2 });
      expect(outbox()[0]!.sent_at).toBeTruthy();
      // Nothing is sent twice.
      expect(runCli(['send-mail-queue'], { DATA_DIR: dataDir, SMTP_URL: sink.url }).stdout).toContain(
        'Отправлено писем: 0',
      );
    } finally {
      await sink.stop();
    }
  });

  it('refuses to run without SMTP_URL with a one-line reason', () => {
    const res = runCli(['send-mail-queue'], { DATA_DIR: dataDir });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('SMTP_URL');
  });

  it('backs off exponentially and caps the delay at six hours', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(240_000);
    expect(retryDelayMs(30)).toBe(6 * 3600_000);
  });
});

describe('notification preferences', () => {
  it('queues no mail for a user who has no e-mail or switched notifications off', async () => {
    const t = await createTestApp();
    try {
      const { client: admin } = await loggedIn(t, { role: 'admin' });
      const created = await admin.post('/api/users', {
        username: 'nomail',
        role: 'auditor',
        fullName: 'Без почты',
      });
      expect(created.statusCode).toBe(201);
      const withMail = await admin.post('/api/users', {
        username: 'quiet',
        role: 'auditor',
        fullName: 'Тихий',
        email: 'quiet@souzlift.test',
      });
      const quiet = new ApiClient(t.app);
      await quiet.login('quiet', withMail.json().temporaryPassword);
      await quiet.patch('/api/auth/me', { notificationsEnabled: false });
      await admin.post(`/api/users/${withMail.json().user.id}/reset-password`);
      const rows = await t.ctx.db.selectFrom('mailOutbox').select(['to', 'subject']).execute();
      expect(rows).toEqual([
        { to: 'quiet@souzlift.test', subject: 'Для вас создана учётная запись в «Союзлифт Аудит»' },
      ]);
    } finally {
      await t.close();
    }
  });
});

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/cli.js';
import { seededJpeg } from '../helpers/sync-factories.js';
import { HttpClient, type PreparedData, prepareDataDir, sha256 } from './support/http-client.js';

/*
 * The ops commands run from cron while auditors work: backup, clearsessions and check-attachments as
 * real child processes, plus another connection that keeps committing small write transactions, all
 * while the API saves answers, applies sync batches and stores photos. No write may fail: every
 * read-then-write in the app starts with BEGIN IMMEDIATE and waits (busy_timeout) for the lock, where a
 * deferred transaction would fail with SQLITE_BUSY on upgrading a stale read snapshot.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let data: PreparedData;
let server: RunningServer;

beforeAll(async () => {
  data = await prepareDataDir('souzlift-cliconc-');
  server = await startServer({
    DATA_DIR: data.dir,
    CLIENT_DIR: path.join(data.dir, 'no-client'),
    SESSION_SECRET: 'cli-concurrency-secret-0123456789abcdefghij',
  });
});
afterAll(async () => {
  await server?.stop();
  if (data) rmSync(data.dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ args: string[]; status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: data.dir, LOG_LEVEL: 'warn', PORT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('exit', (status) => resolve({ args, status, output }));
  });
}

/** Another connection committing a tiny write every few milliseconds (like a CLI writing its report). */
function hammer(stop: () => boolean, committed: () => void): Promise<number> {
  const db = new Database(path.join(data.dir, 'db.sqlite3'));
  db.pragma('busy_timeout = 5000');
  const write = db.prepare("update users set updated_at = updated_at where role = 'admin'");
  return new Promise((resolve) => {
    let commits = 0;
    const tick = () => {
      if (stop()) {
        db.close();
        return resolve(commits);
      }
      db.exec('begin immediate');
      write.run();
      // Hold the write lock across a turn of the event loop, then commit.
      setTimeout(() => {
        db.exec('commit');
        commits += 1;
        committed();
        setTimeout(tick, 2);
      }, 8);
    };
    tick();
  });
}

describe('CLI commands and other writers while the app writes', () => {
  it('lets backup, clearsessions and check-attachments run with every API write succeeding and no SQLITE_BUSY', async () => {
    const client = new HttpClient(server.url);
    await client.login(data.auditor.username, data.auditor.password);
    const audit = randomUUID();
    expect(
      (await client.send('POST', '/api/audits', { uuid: audit, elevatorId: data.elevator.id })).status,
    ).toBe(201);
    const score = data.questions.find((q) => q.type === 'score')!;
    const photo = await seededJpeg(5, 128);

    let done = false;
    const failures: string[] = [];
    let writes = 0;
    const record = (what: string, res: { status: number; text: string }) => {
      writes += 1;
      if (res.status >= 300) failures.push(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
    };
    const answers = (async () => {
      for (let n = 0; !done; n++)
        record(
          'answer',
          await client.send('PUT', `/api/audits/${audit}/responses/${score.id}`, {
            score: 2,
            comment: `c${n}`,
          }),
        );
    })();
    const batches = (async () => {
      while (!done) {
        const attachment = {
          uuid: randomUUID(),
          sha256: sha256(photo),
          size: photo.length,
          mime: 'image/jpeg',
        };
        record(
          'batch',
          await client.send('POST', '/api/offline-sync/', {
            batchId: randomUUID(),
            deviceId: 'cron-phone',
            audits: [
              {
                uuid: randomUUID(),
                elevatorRef: data.elevator.uuid,
                checklistVersion: data.versionId,
                status: 'in_progress',
                responses: [
                  {
                    questionId: score.id,
                    score: 3,
                    updatedAt: '2026-03-01T09:00:00.000Z',
                    attachments: [attachment],
                  },
                ],
              },
            ],
          }),
        );
        record(
          'photo',
          await client.send('PUT', `/api/offline-sync/attachments/${attachment.uuid}`, undefined, {
            raw: photo,
            headers: { 'content-type': 'image/jpeg', 'x-content-sha256': attachment.sha256 },
          }),
        );
      }
    })();
    let hammered = 0;
    const hammerCommits = () => hammered;
    const hammering = hammer(
      () => done,
      () => {
        hammered += 1;
      },
    );

    const commands = await Promise.all([cli(['backup']), cli(['clearsessions']), cli(['check-attachments'])]);
    const secondBackup = await cli(['backup']);
    // Counted while the commands ran: each takes seconds (tsx start-up alone), a write milliseconds.
    const writesDuringCommands = writes;
    const commitsDuringCommands = hammerCommits();
    // Then enough of each, however slow the machine: the counts check the writers, not its speed.
    while (writes < 20 || hammerCommits() < 20) await new Promise((r) => setTimeout(r, 20));
    done = true;
    await Promise.all([answers, batches]);
    const commits = await hammering;

    for (const c of [...commands, secondBackup])
      expect({ args: c.args, status: c.status, output: c.output }).toMatchObject({ status: 0 });
    expect(failures).toEqual([]);
    expect(writesDuringCommands).toBeGreaterThanOrEqual(3);
    expect(commitsDuringCommands).toBeGreaterThanOrEqual(3);
    expect(writes).toBeGreaterThanOrEqual(20);
    expect(commits).toBeGreaterThanOrEqual(20);
    expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
    // The session survived clearsessions (only expired ones go).
    expect((await client.send('GET', '/api/auth/me')).status).toBe(200);
  });
});

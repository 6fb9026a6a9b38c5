import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/cli.js';
import { filesUnder } from '../security/support/db-state.js';
import { HttpClient, type PreparedData, prepareDataDir, prng, sha256 } from './support/http-client.js';

/*
 * Crash consistency with the real server: several rounds of concurrent sync batches (each a new audit
 * with four answers and two announced photos), photo uploads and autosaved answers, ended by SIGKILL
 * at a random moment. After every restart: integrity_check ok, every acknowledged batch, answer and
 * photo fully present, no batch half-applied, no `stored` photo without a file of its hash, and no
 * `*.part` file left (start-up removes them).
 */

const SEED = Number(process.env.CRASH_SEED ?? 20261128);
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const random = prng(SEED);
const ADDITIONS = 25;

let data: PreparedData;
let server: RunningServer | null = null;
let photos: Buffer[] = [];

interface Ledger {
  /** Every batch sent: its audit uuid and the answers' marker comment. */
  sent: Array<{ audit: string; marker: string; buildings: number }>;
  ackedBatches: Array<{ audit: string; marker: string }>;
  ackedPhotos: Array<{ uuid: string; sha: string }>;
  /** Web autosaves per audit+question: every comment sent, in order, and the index of the last 2xx. */
  answers: Map<string, { sent: string[]; lastAck: number }>;
}
const ledger: Ledger = { sent: [], ackedBatches: [], ackedPhotos: [], answers: new Map() };

const env = () => ({
  DATA_DIR: data.dir,
  CLIENT_DIR: path.join(data.dir, 'no-client'),
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'crash-test-secret-0123456789abcdefghijklmnop',
});

beforeAll(async () => {
  data = await prepareDataDir('souzlift-crash-');
  // Photos of ~0.3–1.2 MB (noise does not compress), so a kill often lands mid-upload.
  photos = await Promise.all(
    [180, 260, 340, 420].map((side, i) =>
      sharp(Buffer.alloc(side * side * 3, i * 37), { raw: { width: side, height: side, channels: 3 } })
        .composite([
          {
            input: Buffer.from(Array.from({ length: side * side * 3 }, () => Math.floor(random() * 256))),
            raw: { width: side, height: side, channels: 3 },
            blend: 'difference',
          },
        ])
        .jpeg({ quality: 100 })
        .toBuffer(),
    ),
  );
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  if (data) rmSync(data.dir, { recursive: true, force: true });
});

function batchFor(
  audit: string,
  marker: string,
  attachments: Array<{ uuid: string; data: Buffer }>,
  additions: number,
) {
  return {
    batchId: randomUUID(),
    deviceId: 'crash-phone',
    // New buildings (batch-only worker) make the transaction heavier, so kills land mid-transaction too.
    catalogAdditions: {
      buildings: Array.from({ length: additions }, (_, i) => ({
        uuid: randomUUID(),
        city: 'Москва',
        street: `ул. Аварийная ${marker}`,
        house: String(i + 1),
        notes: marker,
      })),
      elevators: [],
    },
    audits: [
      {
        uuid: audit,
        elevatorRef: data.elevator.uuid,
        checklistVersion: data.versionId,
        objectInfo: { inventory: 'ЗАВ-1', capacity: 400 },
        startedAt: '2026-03-01T08:30:00.000Z',
        status: 'in_progress',
        responses: data.questions.map((q, i) => ({
          questionId: q.id,
          ...(q.type === 'score' ? { score: 3 } : {}),
          ...(q.type === 'yes_no' ? { yesNo: true } : {}),
          ...(q.type === 'text' ? { textValue: 'Норма' } : {}),
          comment: marker,
          updatedAt: '2026-03-01T09:00:00.000Z',
          attachments:
            i === 0
              ? attachments.map((a) => ({
                  uuid: a.uuid,
                  sha256: sha256(a.data),
                  size: a.data.length,
                  mime: 'image/jpeg',
                }))
              : [],
        })),
      },
    ],
  };
}

async function syncWorker(client: HttpClient, stop: () => boolean, worker: number, withPhotos = true) {
  let n = 0;
  while (!stop()) {
    n += 1;
    const audit = randomUUID();
    const marker = `batch-${worker}-${n}-${audit.slice(0, 8)}`;
    const attachments = (withPhotos ? [0, 1] : []).map((k) => ({
      uuid: randomUUID(),
      data: photos[(n + k + worker) % photos.length]!,
    }));
    ledger.sent.push({ audit, marker, buildings: withPhotos ? 0 : ADDITIONS });
    try {
      const res = await client.send(
        'POST',
        '/api/offline-sync/',
        batchFor(audit, marker, attachments, withPhotos ? 0 : ADDITIONS),
      );
      if (res.status !== 200) throw new Error(`batch refused: ${res.status} ${res.text}`);
      ledger.ackedBatches.push({ audit, marker });
      for (const a of attachments) {
        const put = await client.send('PUT', `/api/offline-sync/attachments/${a.uuid}`, undefined, {
          raw: a.data,
          headers: { 'content-type': 'image/jpeg', 'x-content-sha256': sha256(a.data) },
        });
        if (put.status !== 201 && put.status !== 200)
          throw new Error(`photo refused: ${put.status} ${put.text}`);
        ledger.ackedPhotos.push({ uuid: a.uuid, sha: sha256(a.data) });
      }
    } catch (error) {
      if (stop()) return; // the connection died with the server
      throw error;
    }
  }
}

async function answerWorker(client: HttpClient, stop: () => boolean) {
  const audit = randomUUID();
  const created = await client.send('POST', '/api/audits', { uuid: audit, elevatorId: data.elevator.id });
  if (created.status !== 201) throw new Error(`audit not created: ${created.text}`);
  const question = data.questions.find((q) => q.type === 'score')!;
  const key = `${audit}:${question.id}`;
  const entry = { sent: [] as string[], lastAck: -1 };
  ledger.answers.set(key, entry);
  let n = 0;
  while (!stop()) {
    n += 1;
    const comment = `answer-${n}`;
    entry.sent.push(comment);
    try {
      const res = await client.send('PUT', `/api/audits/${audit}/responses/${question.id}`, {
        score: 2,
        comment,
      });
      if (res.status !== 200) throw new Error(`answer refused: ${res.status} ${res.text}`);
      entry.lastAck = entry.sent.length - 1;
    } catch (error) {
      if (stop()) return;
      throw error;
    }
  }
}

/** Drives the running server, then SIGKILLs it at a random moment. */
async function runRound(round: number, running: RunningServer): Promise<void> {
  const client = new HttpClient(running.url);
  await client.login(data.auditor.username, data.auditor.password);
  let killed = false;
  const stop = () => killed;
  const work = Promise.all([
    syncWorker(client, stop, 1),
    syncWorker(client, stop, 2),
    // Batches only: always one in flight, so kills land while a batch is being applied.
    syncWorker(client, stop, 3, false),
    answerWorker(client, stop),
  ]).then(
    () => null,
    (error: unknown) => error,
  );
  // Wait until this round has acknowledged work of every kind (a loaded CI machine is slow), then
  // kill at a random moment after that.
  const before = { photos: ledger.ackedPhotos.length, batches: ledger.ackedBatches.length };
  const deadline = Date.now() + 30_000;
  while (
    Date.now() < deadline &&
    (ledger.ackedPhotos.length === before.photos || ledger.ackedBatches.length === before.batches)
  )
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, Math.floor(random() * 1200)));
  killed = true;
  await running.stop('SIGKILL');
  const failure = await work;
  if (failure)
    throw new Error(
      `round ${round} (CRASH_SEED=${SEED}): a request failed before the kill: ${String(failure)}`,
    );
  server = null;
}

/** Batches the kill caught before they committed (seen across rounds). */
let unapplied = 0;

function checkDatabase(round: number) {
  const where = `after round ${round} (CRASH_SEED=${SEED})`;
  const db = new Database(path.join(data.dir, 'db.sqlite3'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    const responsesOf = db.prepare(
      'select count(*) as n from audit_responses r join audits a on a.id = r.audit_id where a.uuid = ? and r.comment = ?',
    );
    const auditExists = db.prepare('select count(*) as n from audits where uuid = ?');
    const buildingsOf = db.prepare('select count(*) as n from buildings where notes = ?');
    const count = (stmt: Database.Statement, ...args: unknown[]) => (stmt.get(...args) as { n: number }).n;
    for (const b of ledger.ackedBatches) {
      expect({ audit: b.audit, answers: count(responsesOf, b.audit, b.marker) }, where).toEqual({
        audit: b.audit,
        answers: data.questions.length,
      });
    }
    for (const b of ledger.sent) {
      const answers = count(responsesOf, b.audit, b.marker);
      const exists = count(auditExists, b.audit);
      const buildings = count(buildingsOf, b.marker);
      // All or nothing: an audit with every answer and every new building, or no trace of the batch.
      expect({ audit: b.audit, exists, answers, buildings }, where).toEqual({
        audit: b.audit,
        exists,
        answers: exists ? data.questions.length : 0,
        buildings: exists ? b.buildings : 0,
      });
      if (!exists) unapplied += 1;
    }
    const photoRow = db.prepare(
      'select status, storage_key as key, sha256 from audit_attachments where uuid = ?',
    );
    for (const p of ledger.ackedPhotos) {
      expect({ uuid: p.uuid, row: photoRow.get(p.uuid) }, where).toMatchObject({
        uuid: p.uuid,
        row: { status: 'stored', sha256: p.sha },
      });
    }
    const stored = db
      .prepare("select uuid, storage_key as key, sha256 from audit_attachments where status = 'stored'")
      .all() as Array<{ uuid: string; key: string; sha256: string }>;
    for (const s of stored) {
      const file = path.join(data.dir, 'media', s.key);
      let actual = 'missing';
      try {
        actual = sha256(readFileSync(file));
      } catch {
        // reported below
      }
      expect({ uuid: s.uuid, file: actual }, where).toEqual({ uuid: s.uuid, file: s.sha256 });
    }
    const answer = db.prepare(
      'select r.comment from audit_responses r join audits a on a.id = r.audit_id where a.uuid = ? and r.question_id = ?',
    );
    for (const [key, entry] of ledger.answers) {
      if (entry.lastAck < 0) continue;
      const [audit, question] = key.split(':');
      const row = answer.get(audit, Number(question)) as { comment: string } | undefined;
      // The last acknowledged answer, or one sent after it that committed before the kill.
      expect(entry.sent.slice(entry.lastAck), where).toContain(row?.comment);
    }
  } finally {
    db.close();
  }
}

describe('crash consistency under SIGKILL', () => {
  it(`keeps acknowledged work and nothing half-applied across ${ROUNDS} kill/restart rounds`, async () => {
    const planted = path.join(data.dir, 'media', 'incoming', 'left-by-crash.part');
    server = await startServer(env());
    for (let round = 1; round <= ROUNDS; round++) {
      await runRound(round, server);
      // A leftover upload as a crash leaves it (besides any the kill itself left).
      mkdirSync(path.dirname(planted), { recursive: true });
      writeFileSync(planted, 'half a photo');
      server = await startServer(env());
      expect(filesUnder(path.join(data.dir, 'media')).filter((f) => f.endsWith('.part'))).toEqual([]);
      expect(server.output()).toContain('removed partial uploads');
      checkDatabase(round);
      // The restarted server is the next round's victim.
    }
    if (process.env.CRASH_VERBOSE)
      console.log({
        sent: ledger.sent.length,
        batches: ledger.ackedBatches.length,
        photos: ledger.ackedPhotos.length,
        unapplied,
      });
    expect(ledger.ackedBatches.length, 'batches acknowledged over all rounds').toBeGreaterThan(ROUNDS);
    expect(ledger.ackedPhotos.length, 'photos acknowledged over all rounds').toBeGreaterThan(0);
  }, 240_000);
});

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/server/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { createBackup } from '../../src/server/ops/backup.js';
import { assembleDatabase } from '../../src/server/ops/backup-db-assemble.js';
import { type PartsManifest, readManifest } from '../../src/server/ops/backup-store.js';
import { diskUsage } from '../../src/server/ops/files.js';
import { buildStorageReport } from '../../src/server/ops/storage-report.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, type OpsDataDir, seedAudit } from '../helpers/ops-factories.js';
import { ROOT, waitFor } from './ops-cli.js';

const PART = 16 * 1024;
const WRITER = path.join(ROOT, 'tests/ops/fixtures/writer.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function dataDir(): Promise<OpsDataDir> {
  const data = await migratedDataDir();
  dirs.push(data.dir);
  return data;
}

const configOf = (data: OpsDataDir) => loadConfig({ DATA_DIR: data.dir }, '');

function backup(data: OpsDataDir, options: { snapshotAttempts?: number } = {}) {
  return createBackup(configOf(data), { clock: systemClock, prune: false, partSize: PART, ...options });
}

/** Adds rows with ~1 KB payloads so the database spans many 16 KiB parts. */
function grow(db: string, rows: number): void {
  const sqlite = new SQLite(db);
  try {
    const insert = sqlite.prepare(
      "insert into events (action, entity_type, entity_id, payload, created_at) values ('grow', 'x', ?, ?, 'now')",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(`g${i}`, 'p'.repeat(1000));
    })();
  } finally {
    sqlite.close();
  }
}

/** The backup's database as one plain file in a scratch directory. */
async function assembled(dir: string): Promise<string> {
  const scratch = tempDataDir('souzlift-assembled-');
  dirs.push(scratch);
  const file = path.join(scratch, 'db.sqlite3');
  const result = await assembleDatabase(dir, readManifest(dir), file);
  expect(result.problems).toEqual([]);
  return file;
}

function query<T>(file: string, sql: string): T {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return sqlite.prepare(sql).pluck().get() as T;
  } finally {
    sqlite.close();
  }
}

const partFiles = (dir: string) =>
  readdirSync(path.join(dir, 'db.sqlite3.parts'))
    .sort()
    .map((name) => path.join(dir, 'db.sqlite3.parts', name));

describe('backup database parts', () => {
  it('links every part of an unchanged database, rewrites only the parts a change touched, and `cat` rebuilds the file', async () => {
    const data = await dataDir();
    grow(data.db, 600);
    const first = await backup(data);
    const db = first.manifest.database;
    expect(first.manifest.format).toBe(2);
    expect(db.snapshot).toBe('wal');
    expect(db.partSize).toBe(PART);
    expect(db.parts).toHaveLength(Math.ceil(db.bytes / PART));
    expect(db.parts?.length).toBeGreaterThan(20);
    expect(db.linkedParts).toBe(0);

    // `cat parts/* > file` is the documented manual rebuild: the same bytes as the app assembles, a
    // plain rollback-journal file. (Only parts live in the directory: the sha256sums file is outside.)
    const rebuilt = path.join(tempDataDir('souzlift-cat-'), 'db.sqlite3');
    dirs.push(path.dirname(rebuilt));
    const cat = spawnSync('bash', ['-c', 'cat "$1"/db.sqlite3.parts/* > "$2"', '_', first.dir, rebuilt]);
    expect(cat.status).toBe(0);
    expect(statSync(rebuilt).size).toBe(db.bytes);
    expect(readFileSync(rebuilt).equals(readFileSync(await assembled(first.dir)))).toBe(true);
    expect(query(rebuilt, 'pragma journal_mode')).toBe('delete');
    expect(query(rebuilt, 'pragma integrity_check')).toBe('ok');
    expect(query(rebuilt, 'select count(*) from events')).toBe(db.tables.events);

    const second = await backup(data);
    expect(second.manifest.database.parts).toEqual(db.parts);
    expect(second.manifest.database.linkedParts).toBe(db.parts.length);
    await assembled(second.dir); // every linked part still matches its recorded sha256
    const firstInodes = partFiles(first.dir).map((f) => statSync(f).ino);
    expect(partFiles(second.dir).map((f) => statSync(f).ino)).toEqual(firstInodes);
    const seen = new Set<string>();
    const firstBytes = diskUsage(first.dir, seen).allocatedBytes;
    const added = diskUsage(second.dir, seen).allocatedBytes;
    // The manifest and the sha256sums file, nothing else.
    const sums = statSync(path.join(second.dir, 'db.sqlite3.sha256sums'));
    expect(sums.nlink).toBe(1);
    expect(added).toBeLessThan(16 * 1024 + sums.blocks * 512);
    // storage-report counts the shared parts once, like du.
    const report = buildStorageReport(configOf(data), {
      clock: systemClock,
      maxUsedPercent: 100,
      minFreeMb: 0,
    });
    // (plus latest.json, the lock file and the second manifest: a few blocks)
    expect(report.backups.allocatedBytes).toBeLessThan(firstBytes + 32 * 1024);
    expect(firstBytes).toBeGreaterThan(20 * PART);

    // One row changed: the parts holding its pages are rewritten, every other part stays a link.
    const live = new SQLite(data.db);
    live.prepare("update events set payload = ? where entity_id = 'g300'").run('q'.repeat(1000));
    live.close();
    const third = await backup(data);
    const previous = partFiles(second.dir);
    const changed: number[] = [];
    const rewritten: number[] = [];
    partFiles(third.dir).forEach((file, i) => {
      const before = previous[i];
      if (!before || !readFileSync(file).equals(readFileSync(before))) changed.push(i);
      if (!before || statSync(file).ino !== statSync(before).ino) rewritten.push(i);
    });
    expect(rewritten).toEqual(changed);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(4);
    expect(third.manifest.database.linkedParts).toBe(partFiles(third.dir).length - changed.length);
    expect(query(await assembled(third.dir), "select payload from events where entity_id = 'g300'")).toBe(
      'q'.repeat(1000),
    );
  });

  it('takes a consistent copy while other processes keep writing and checkpointing', async () => {
    const data = await dataDir();
    const acked = [0, 0];
    const writers: ChildProcess[] = acked.map((_, w) => {
      const child = spawn(process.execPath, [WRITER, data.db, `w${w}`, '20'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        const last = /ack (\d+)\n$/.exec(chunk.toString());
        if (last) acked[w] = Number(last[1]);
      });
      return child;
    });
    const manifests: { dir: string; manifest: PartsManifest }[] = [];
    try {
      await waitFor(() => acked.every((n) => n >= 20));
      const before = acked.reduce((a, b) => a + b, 0);
      for (let i = 0; i < 3; i++) manifests.push(await backup(data));
      expect(acked.reduce((a, b) => a + b, 0)).toBeGreaterThan(before); // they really were writing
    } finally {
      for (const w of writers) w.kill('SIGTERM');
      await Promise.all(
        writers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))),
      );
    }
    expect(manifests.some((b) => b.manifest.database.snapshot === 'wal')).toBe(true);
    for (const { dir, manifest } of manifests) {
      const file = await assembled(dir);
      expect(query(file, 'pragma integrity_check')).toBe('ok');
      expect(query(file, 'select count(*) from events')).toBe(manifest.database.tables.events);
      // One committed state: each writer's batches form a gap-free prefix 1..n, each batch whole.
      const sqlite = new SQLite(file, { readonly: true });
      const ids = sqlite
        .prepare("select entity_id from events where entity_type = 'writer'")
        .pluck()
        .all() as string[];
      sqlite.close();
      for (const w of ['w0', 'w1']) {
        const batches = new Map<number, number>();
        for (const id of ids.filter((x) => x.startsWith(`${w}-`))) {
          const seq = Number(id.split('-')[1]);
          batches.set(seq, (batches.get(seq) ?? 0) + 1);
        }
        const seqs = [...batches.keys()].sort((a, b) => a - b);
        expect(seqs.length).toBeGreaterThan(0);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
        expect([...batches.values()].every((n) => n === 5)).toBe(true);
      }
    }
  });

  it('falls back to the online backup API when a reader keeps the WAL from being emptied', async () => {
    const data = await dataDir();
    const writer = new SQLite(data.db);
    writer.pragma('wal_autocheckpoint = 0');
    const insert = writer.prepare(
      "insert into events (action, entity_type, entity_id, payload, created_at) values ('late', 'x', 'x', '{}', 'now')",
    );
    for (let i = 0; i < 50; i++) insert.run();
    const expected = writer.prepare('select count(*) from events').pluck().get();
    // A reader whose snapshot uses WAL frames: no checkpoint can truncate the WAL while it is open.
    const reader = new SQLite(data.db);
    reader.exec('BEGIN');
    reader.prepare('select count(*) from events').get();
    try {
      const result = await backup(data, { snapshotAttempts: 2 });
      expect(result.manifest.database.snapshot).toBe('online-backup');
      expect(readdirSync(result.dir).sort()).toEqual([
        'db.sqlite3.parts',
        'db.sqlite3.sha256sums',
        'manifest.json',
        'media',
      ]);
      const file = await assembled(result.dir);
      expect(query(file, 'pragma integrity_check')).toBe('ok');
      expect(query(file, 'pragma journal_mode')).toBe('delete');
      expect(query(file, 'select count(*) from events')).toBe(expected);
      expect(statSync(`${data.db}-wal`).size).toBeGreaterThan(0); // the live WAL was left alone
    } finally {
      reader.exec('ROLLBACK');
      reader.close();
      writer.close();
    }
  });

  it('still verifies, drills and restores a format-1 backup (one plain db.sqlite3), and backs up after it', async () => {
    const data = await dataDir();
    const audit = seedAudit(data.db);
    addStoredPhoto(data, audit);
    const made = await backup(data);
    // Rewrite it the way older versions stored it.
    const dir = made.dir;
    const plain = readFileSync(await assembled(dir));
    writeFileSync(path.join(dir, 'db.sqlite3'), plain);
    rmSync(path.join(dir, 'db.sqlite3.parts'), { recursive: true });
    rmSync(path.join(dir, 'db.sqlite3.sha256sums'));
    const { file, bytes, tables } = made.manifest.database;
    const sha256 = createHash('sha256').update(plain).digest('hex');
    const manifest = {
      ...made.manifest,
      format: 1,
      database: { file, bytes, sha256, quickCheck: 'ok', tables },
    };
    writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);

    const verify = runCli(['backup', 'verify', dir], data.env);
    expect(verify.stdout).toContain('в порядке: integrity_check ok');
    expect(verify.status).toBe(0);
    const drill = runCli(['backup', 'drill', dir], data.env);
    expect(drill.stdout).toContain('Итог: учения пройдены');
    expect(drill.status).toBe(0);
    const restore = runCli(['restore', dir], data.env);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toContain('integrity_check ok');
    expect(query(data.db, 'select count(*) from audits')).toBe(1);

    // Format 1 keeps its whole-file sha256: one flipped byte fails verify, and restore refuses it.
    const damaged = path.join(tempDataDir('souzlift-format1-'), 'copy');
    dirs.push(path.dirname(damaged));
    cpSync(dir, damaged, { recursive: true });
    const bad = Buffer.from(plain);
    bad[Math.floor(bad.length / 2)] = (bad[Math.floor(bad.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(path.join(damaged, 'db.sqlite3'), bad);
    const badSha = createHash('sha256').update(bad).digest('hex');
    const failed = runCli(['backup', 'verify', damaged], data.env);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(
      `ОШИБКА база db.sqlite3: sha256 ${badSha} не совпадает с манифестом ${sha256}`,
    );
    const refused = runCli(['restore', damaged], data.env);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('копия не прошла проверку');
    // …and a format-1 manifest is not one without that sha256.
    writeFileSync(
      path.join(damaged, 'manifest.json'),
      JSON.stringify({ ...manifest, database: { file, bytes, quickCheck: 'ok', tables } }),
    );
    expect(runCli(['backup', 'verify', damaged], data.env).stderr).toContain('неизвестный формат манифеста');

    const next = await backup(data);
    expect(next.manifest.format).toBe(2);
    expect(next.manifest.database.linkedParts).toBe(0);
    expect(runCli(['backup', 'verify', '--quick', next.dir], data.env).status).toBe(0);
  });
});

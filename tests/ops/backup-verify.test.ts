import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/server/ops/files.js';
import { runCli, tempDataDir } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, type OpsDataDir, seedAudit } from '../helpers/ops-factories.js';

let data: OpsDataDir;
let first: string;
const dirs: string[] = [];
const cli = (args: string[]) => runCli(args, { ...data.env, PORT: '0' });

function flipByte(file: string, offset: number): void {
  const buf = readFileSync(file);
  buf[offset] = (buf[offset] ?? 0) ^ 0xff;
  writeFileSync(file, buf);
}

beforeAll(async () => {
  data = await migratedDataDir();
  dirs.push(data.dir);
  const audit = seedAudit(data.db);
  for (let i = 0; i < 20; i++) addStoredPhoto(data, audit, Buffer.alloc(64 * 1024, i + 1));
  // ~3.5 MB of events: the database spans several 1 MiB parts.
  const sqlite = new SQLite(data.db);
  const insert = sqlite.prepare(
    "insert into events (action, entity_type, entity_id, payload, created_at) values ('grow', 'x', ?, ?, 'now')",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`g${i}`, 'p'.repeat(1000));
  })();
  sqlite.close();
  const res = cli(['backup']);
  expect(res.status).toBe(0);
  first = /Резервная копия готова: (.+)/.exec(res.stdout)?.[1] ?? '';
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** coreutils `sha256sum -c FILE` run inside `dir`, as an operator would, exit status included. */
function sha256sumCheck(dir: string, file: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('sha256sum', ['-c', file], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** An independent copy (no hard links shared with the original) to damage. */
function damagedCopy(): string {
  const copy = path.join(tempDataDir('souzlift-damaged-'), 'copy');
  dirs.push(path.dirname(copy));
  cpSync(first, copy, { recursive: true });
  return copy;
}

describe('backup verify', () => {
  it('passes an intact backup and writes a manifest with versions, row counts and hashes', () => {
    const res = cli(['backup', 'verify', first]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/в порядке: integrity_check ok.*медиафайлов проверено 20/);
    expect(cli(['backup', 'verify', '--quick', first]).stdout).toMatch(/в порядке: quick_check ok/);
    const manifest = JSON.parse(readFileSync(path.join(first, 'manifest.json'), 'utf8'));
    expect(manifest.app.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.schema.version).toMatch(/^20261128-/);
    expect(manifest.database.tables.audit_attachments).toBe(20);
    expect(manifest.format).toBe(2);
    // Format 2 has no whole-file sha256: the parts' hashes, sizes and order cover every byte.
    expect(manifest.database).not.toHaveProperty('sha256');
    expect(manifest.database.parts.length).toBeGreaterThan(0);
    for (const part of manifest.database.parts) expect(part.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.database.snapshot).toBe('wal');
    expect(manifest.media).toMatchObject({ files: 20, bytes: 20 * 64 * 1024 });
  });

  it('catches one flipped byte in a database part, naming the part', () => {
    const copy = damagedCopy();
    const parts = readdirSync(path.join(copy, 'db.sqlite3.parts')).sort();
    const middle = parts[Math.floor(parts.length / 2)]!;
    const part = path.join(copy, 'db.sqlite3.parts', middle);
    flipByte(part, Math.floor(statSync(part).size / 2));
    const res = cli(['backup', 'verify', copy]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(
      `ОШИБКА база db.sqlite3.parts/${middle}: sha256 не совпадает с манифестом (часть повреждена)`,
    );
    expect(res.stderr).toMatch(/повреждена: 1 проблем/); // the part, and nothing else
    // verify only reads the backup: its scratch copy is gone, the damaged part is left as it was.
    expect(readdirSync(path.dirname(copy)).filter((n) => n.startsWith('.verify-'))).toEqual([]);
  });

  it('writes db.sqlite3.sha256sums next to the manifest: every part in order, and `sha256sum -c` passes', () => {
    const manifest = JSON.parse(readFileSync(path.join(first, 'manifest.json'), 'utf8'));
    const parts = readdirSync(path.join(first, 'db.sqlite3.parts')).sort();
    expect(parts).toHaveLength(manifest.database.parts.length);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((name) => /^\d{5}$/.test(name))).toBe(true); // `cat parts/*` is only the database
    const lines = readFileSync(path.join(first, 'db.sqlite3.sha256sums'), 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(lines).toEqual(
      parts.map(
        (name) =>
          `${sha256(readFileSync(path.join(first, 'db.sqlite3.parts', name)))}  db.sqlite3.parts/${name}`,
      ),
    );
    expect(lines.map((line) => line.slice(0, 64))).toEqual(
      manifest.database.parts.map((p: { sha256: string }) => p.sha256),
    );
    const check = sha256sumCheck(first, 'db.sqlite3.sha256sums');
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n')).toEqual(parts.map((name) => `db.sqlite3.parts/${name}: OK`));
  });

  it('lets coreutils `sha256sum -c` name a part with one flipped byte', () => {
    const copy = damagedCopy();
    const parts = readdirSync(path.join(copy, 'db.sqlite3.parts')).sort();
    const last = parts.at(-1)!;
    flipByte(path.join(copy, 'db.sqlite3.parts', last), 0);
    const check = sha256sumCheck(copy, 'db.sqlite3.sha256sums');
    expect(check.status).toBe(1);
    const failed = check.stdout.split('\n').filter((line) => !line.endsWith(': OK') && line);
    expect(failed).toEqual([`db.sqlite3.parts/${last}: FAILED`]);
    expect(check.stderr).toContain('WARNING: 1 computed checksum did NOT match');
  });

  it('reports a db.sqlite3.sha256sums line that disagrees with the manifest, and a missing file', () => {
    const copy = damagedCopy();
    const sums = path.join(copy, 'db.sqlite3.sha256sums');
    const lines = readFileSync(sums, 'utf8').split('\n');
    const name = lines[1]!.slice(66);
    lines[1] = `${sha256(Buffer.from('not this part'))}  ${name}`;
    writeFileSync(sums, lines.join('\n'));
    const res = cli(['backup', 'verify', '--quick', copy]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(
      `ОШИБКА db.sqlite3.sha256sums, строка 2: sha256 для ${name} не совпадает с манифестом`,
    );
    expect(res.stderr).toMatch(/повреждена: 1 проблем/); // the parts themselves are intact

    // Without the by-hand file (copies made before it existed) the copy still verifies by its
    // manifest, with a warning; restore and drill go on too.
    unlinkSync(sums);
    const missing = cli(['backup', 'verify', '--quick', copy]);
    expect(missing.status).toBe(0);
    expect(missing.stdout).toContain('ПРЕДУПРЕЖДЕНИЕ db.sqlite3.sha256sums: файла нет');
    expect(missing.stdout).toContain('в порядке');
  });

  it('catches a missing database part', () => {
    const copy = damagedCopy();
    const parts = readdirSync(path.join(copy, 'db.sqlite3.parts')).sort();
    unlinkSync(path.join(copy, 'db.sqlite3.parts', parts[0]!));
    const res = cli(['backup', 'verify', '--quick', copy]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(`ОШИБКА база db.sqlite3.parts/${parts[0]}: часть отсутствует`);
  });

  it('catches a changed photo and a missing photo, naming each', () => {
    const copy = damagedCopy();
    const files = walkFiles(path.join(copy, 'media'));
    const changed = files[3]!;
    const removed = files[7]!;
    flipByte(changed.abs, 100);
    unlinkSync(removed.abs);
    const res = cli(['backup', 'verify', copy]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(`медиа ${changed.rel}: sha256 не совпадает`);
    expect(res.stdout).toContain(`медиа ${removed.rel}: файл отсутствует`);
    expect(res.stderr).toMatch(/souzlift: копия .* повреждена: 2 /);
  });

  it('refuses a directory that is not a backup', () => {
    const res = cli(['backup', 'verify', data.media]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/нет manifest\.json/);
  });

  it('makes a second backup of unchanged media out of hard links that cost no space', () => {
    const res = cli(['backup', '--label', 'second']);
    expect(res.status).toBe(0);
    const second = /Резервная копия готова: (.+)/.exec(res.stdout)?.[1] ?? '';
    const manifest = JSON.parse(readFileSync(path.join(second, 'manifest.json'), 'utf8'));
    expect(manifest.media).toMatchObject({ files: 20, linked: 20, copied: 0 });
    const firstInodes = new Set(walkFiles(first).map((f) => `${f.stat.dev}:${f.stat.ino}`));
    let newBytes = 0;
    for (const f of walkFiles(path.join(second, 'media'))) {
      expect(firstInodes.has(`${f.stat.dev}:${f.stat.ino}`)).toBe(true);
      expect(f.stat.nlink).toBe(2); // one inode shared by both backups (the live file is separate)
    }
    for (const f of walkFiles(second))
      if (!firstInodes.has(`${f.stat.dev}:${f.stat.ino}`)) newBytes += f.stat.blocks * 512;
    // The database did not change either: every part is a link, only the manifest is new.
    expect(manifest.database.linkedParts).toBe(manifest.database.parts.length);
    expect(newBytes).toBeLessThan(64 * 1024);
    expect(cli(['backup', 'list']).stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

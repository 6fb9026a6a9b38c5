import { cpSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
  const res = cli(['backup']);
  expect(res.status).toBe(0);
  first = /Резервная копия готова: (.+)/.exec(res.stdout)?.[1] ?? '';
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

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
    expect(manifest.database.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.format).toBe(2);
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
    expect(res.stdout).toMatch(/база db\.sqlite3: sha256 .* не совпадает/);
    // verify only reads the backup: its scratch copy is gone, the damaged part is left as it was.
    expect(readdirSync(path.dirname(copy)).filter((n) => n.startsWith('.verify-'))).toEqual([]);
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

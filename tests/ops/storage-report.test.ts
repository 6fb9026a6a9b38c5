import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, seedAudit } from '../helpers/ops-factories.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('souzlift storage-report', () => {
  it('reports database, media, backups and free disk, appending one line to the disk log', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const audit = seedAudit(data.db);
    addStoredPhoto(data, audit, Buffer.alloc(300_000, 7));
    expect(runCli(['backup'], data.env).status).toBe(0);
    const res = runCli(['storage-report', '--json', '--min-free-mb', '0'], data.env);
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.media).toEqual({ files: 1, bytes: 300_000 });
    expect(report.backups.count).toBe(1);
    expect(report.backups.allocatedBytes).toBeGreaterThan(300_000);
    expect(report.databaseBytes).toBeGreaterThan(0);
    expect(report.filesystems[0].freeBytes).toBeGreaterThan(0);
    const log = readFileSync(path.join(data.dir, 'logs', 'disk-usage.log'), 'utf8')
      .trim()
      .split('\n');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ status=ok db_mb=\S+ media_files=1 .* free_mb=\d+ used=/);
  });

  it('exits non-zero naming the filesystem when free space is under the threshold', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const res = runCli(['storage-report', '--quick', '--min-free-mb', String(1024 * 1024 * 1024)], data.env);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('ВНИМАНИЕ');
    expect(res.stderr).toMatch(/souzlift: мало места на диске: .*свободно/);
    expect(readFileSync(path.join(data.dir, 'logs', 'disk-usage.log'), 'utf8')).toMatch(/status=LOW/);
  });
});

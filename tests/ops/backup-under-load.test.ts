import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/cli.js';
import { migratedDataDir } from '../helpers/ops-factories.js';
import { ROOT, runCliAsync, waitFor } from './ops-cli.js';

const WRITER = path.join(ROOT, 'tests/ops/fixtures/writer.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stopWriters(writers: ChildProcess[]): Promise<unknown> {
  for (const w of writers) if (w.exitCode === null) w.kill('SIGTERM');
  return Promise.all(
    writers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))),
  );
}

describe('backup while the database is being written', () => {
  it('restores to a database that passes integrity_check and holds every row acknowledged before the backup', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const acked = [0, 0, 0, 0];
    const writers: ChildProcess[] = acked.map((_, i) => {
      const child = spawn(process.execPath, [WRITER, data.db, `w${i}`], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^ack (\d+)$/.exec(line);
          if (m) acked[i] = Number(m[1]);
        }
      });
      return child;
    });
    try {
      await waitFor(() => acked.every((n) => n >= 40));
      const before = [...acked];
      const backup = await runCliAsync(['backup'], data.env);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      // The writers really were writing while the backup ran.
      expect(acked.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0));
      await stopWriters(writers);

      const target = tempDataDir('souzlift-restored-');
      dirs.push(target);
      const backupDir = /Резервная копия готова: (.+)/.exec(backup.stdout)?.[1] ?? '';
      const restore = await runCliAsync(['restore', backupDir], { DATA_DIR: target });
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);

      const restored = new SQLite(path.join(target, 'db.sqlite3'), { readonly: true });
      try {
        expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
        const ids = new Set(
          restored
            .prepare("select entity_id from events where entity_type = 'writer'")
            .pluck()
            .all() as string[],
        );
        const missing: string[] = [];
        before.forEach((last, w) => {
          for (let seq = 1; seq <= last; seq++)
            for (let i = 0; i < 5; i++) if (!ids.has(`w${w}-${seq}-${i}`)) missing.push(`w${w}-${seq}-${i}`);
        });
        expect(missing).toEqual([]);
        expect(ids.size).toBeGreaterThanOrEqual(before.reduce((a, b) => a + b, 0) * 5);
        // Transactions are all-or-nothing in the copy too: no batch is half there.
        const perBatch = restored
          .prepare(
            "select count(*) from (select substr(entity_id, 1, length(entity_id) - 2) b, count(*) n from events where entity_type = 'writer' group by b having n <> 5)",
          )
          .pluck()
          .get();
        expect(perBatch).toBe(0);
      } finally {
        restored.close();
      }
    } finally {
      await stopWriters(writers);
    }
  });
});

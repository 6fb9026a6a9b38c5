import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { budget, missing, pct, registerScenario } from '../lib/registry.js';
import { ROOT, settleDisk } from '../lib/server.js';

/** Bytes of files under the directories, hard links counted once (GNU du over all of them). */
function duBytes(...dirs: string[]): number {
  const out = execFileSync('du', ['-sbc', ...dirs], { encoding: 'utf8' });
  const total = /^(\d+)\s+total$/m.exec(out);
  if (!total) throw new Error(`du: unexpected output ${out.slice(0, 200)}`);
  return Number(total[1]);
}

function backup(
  env: NodeJS.ProcessEnv,
  dest: string,
): {
  seconds: number;
  dir: string;
  manifest: {
    durationMs: number;
    database: {
      bytes: number;
      parts?: unknown[];
      linkedParts?: number;
      partSize?: number;
      snapshot?: string;
    };
    media: { files: number; linked: number; copied: number };
  };
} {
  const t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'souzlift.js'), 'backup', '--dest', dest, '--no-prune'],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const dir = /: (\/\S+)/.exec(out)?.[1];
  if (!dir) throw new Error(`souzlift backup: unexpected output: ${out.slice(0, 300)}`);
  return { seconds, dir, manifest: JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) };
}

/** `cp` of the file, then fsync of the copy (a backup fsyncs too): seconds for each step's end. */
function cpWithFsync(source: string, target: string): { cp: number; cpSync: number } {
  const t0 = performance.now();
  execFileSync('cp', [source, target]);
  const cp = (performance.now() - t0) / 1000;
  const fd = openSync(target, 'r');
  fsyncSync(fd);
  closeSync(fd);
  const cpSync = (performance.now() - t0) / 1000;
  rmSync(target);
  return { cp, cpSync };
}

function median<T>(runs: T[], by: (run: T) => number): T {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)] as T;
}

registerScenario({
  id: 'backup',
  title: 'souzlift backup: копия базы против cp, вторая копия без новых фото',
  order: 60,
  async run(ctx) {
    const help = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'souzlift.js'), '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (!/\bbackup\b/.test(help)) return missing('нет ещё: в souzlift нет команды backup');
    const env = { PATH: process.env.PATH, DATA_DIR: ctx.workDir, LOG_LEVEL: 'warn' };
    const root = path.join(ctx.workDir, 'bench-backups');
    const dbFile = path.join(ctx.workDir, 'db.sqlite3');
    mkdirSync(root, { recursive: true });
    settleDisk();

    // Database alone (an empty media dir) against `cp` of the same file, and against `cp` + fsync of
    // the copy: a backup that is not on disk yet is not a backup, and `souzlift backup` fsyncs.
    const emptyMedia = path.join(ctx.workDir, 'bench-empty-media');
    mkdirSync(emptyMedia, { recursive: true });
    // Three of each, alternating, medians: a single pair swung between 1.6× and 2.1× from run to run
    // with what else the machine was flushing to disk at that moment.
    const dbRuns: Array<ReturnType<typeof backup>> = [];
    const cpRuns: Array<{ cp: number; cpSync: number }> = [];
    for (let i = 0; i < 3; i++) {
      const dbOnlyRoot = path.join(root, `db-only-${i}`);
      dbRuns.push(backup({ ...env, MEDIA_DIR: emptyMedia }, dbOnlyRoot));
      rmSync(dbOnlyRoot, { recursive: true, force: true });
      cpRuns.push(cpWithFsync(dbFile, path.join(root, 'cp-db.sqlite3')));
    }
    const dbOnly = median(dbRuns, (r) => r.manifest.durationMs);
    const dbOnlyRoot = path.join(root, 'db-only');
    backup({ ...env, MEDIA_DIR: emptyMedia }, dbOnlyRoot);
    const dbOnlyAgain = backup({ ...env, MEDIA_DIR: emptyMedia }, dbOnlyRoot); // every part a link
    rmSync(dbOnlyRoot, { recursive: true, force: true });
    const cpSeconds = median(cpRuns, (r) => r.cp).cp;
    const cpSyncSeconds = median(cpRuns, (r) => r.cpSync).cpSync;
    const dbSeconds = dbOnly.manifest.durationMs / 1000;
    const partsOf = (m: typeof dbOnly.manifest) => m.database.parts?.length ?? 0;

    // Database and media, twice: the second finds every photo unchanged and hard-links it.
    const first = backup(env, path.join(root, 'full'));
    const firstBytes = duBytes(first.dir);
    const second = backup(env, path.join(root, 'full'));
    const added = duBytes(first.dir, second.dir) - firstBytes;
    const dbBytes = second.manifest.database.bytes;
    const ratio = added / firstBytes;
    execFileSync('rm', ['-rf', root]);
    return {
      status: 'measured',
      note: `база ${(dbBytes / 2 ** 20).toFixed(0)} МБ: снимок ${dbOnly.manifest.database.snapshot === 'wal' ? 'WAL (основной файл)' : 'онлайн-API SQLite'}, ${partsOf(dbOnly.manifest)} частей по ${((dbOnly.manifest.database.partSize ?? 0) / 1024).toFixed(0)} КБ, sha256 каждой части, fsync; quick_check — в backup verify. Копия базы (медиана трёх) ${dbSeconds.toFixed(2)} с: ${(dbSeconds / cpSeconds).toFixed(1)}× cp (${cpSeconds.toFixed(2)} с), ${(dbSeconds / cpSyncSeconds).toFixed(2)}× cp+fsync (${cpSyncSeconds.toFixed(2)} с); повторная копия без изменений ${(dbOnlyAgain.manifest.durationMs / 1000).toFixed(2)} с (${dbOnlyAgain.manifest.database.linkedParts} ссылок из ${partsOf(dbOnlyAgain.manifest)}). Вторая полная копия: база — ${second.manifest.database.linkedParts} ссылок из ${partsOf(second.manifest)} частей, медиа — ${second.manifest.media.linked} ссылок, ${second.manifest.media.copied} скопировано`,
      metrics: {
        dbBackupSeconds: Number(dbSeconds.toFixed(2)),
        dbBackupCliSeconds: Number(dbOnly.seconds.toFixed(2)),
        dbBackupUnchangedSeconds: Number((dbOnlyAgain.manifest.durationMs / 1000).toFixed(2)),
        cpSeconds: Number(cpSeconds.toFixed(2)),
        cpFsyncSeconds: Number(cpSyncSeconds.toFixed(2)),
        firstBackupSeconds: Number(first.seconds.toFixed(1)),
        secondBackupSeconds: Number(second.seconds.toFixed(1)),
        firstBackupMb: Math.round(firstBytes / 2 ** 20),
        secondBackupAddedMb: Math.round(added / 2 ** 20),
        mediaFiles: second.manifest.media.files,
      },
      budgets: [
        budget(
          'backup.db',
          'Копия базы (souzlift backup) ≤ 2× времени cp того же файла (с fsync копии)',
          '≤ 2×',
          `${(dbSeconds / cpSyncSeconds).toFixed(2)}× cp+fsync (${dbSeconds.toFixed(2)} s против ${cpSyncSeconds.toFixed(2)} s); без fsync у cp — ${(dbSeconds / cpSeconds).toFixed(1)}× (${cpSeconds.toFixed(2)} s)`,
          dbSeconds <= 2 * cpSyncSeconds,
        ),
        budget(
          'backup.second',
          'Вторая копия без новых фото добавляет < 5 % размера первой',
          '< 5 %',
          `${pct(ratio)} (${(added / 2 ** 20).toFixed(0)} из ${(firstBytes / 2 ** 20).toFixed(0)} МБ)`,
          ratio < 0.05,
        ),
      ],
    };
  },
});

/**
 * `npm run bench:data [-- --dir DIR --scale full|quick]`: the reproducible benchmark dataset.
 *
 * A fresh SQLite file is migrated with the app's own migrations, then filled directly through
 * prepared better-sqlite3 statements in large transactions (journal in memory, no fsync, foreign
 * keys checked once at the end). Photos are a handful of real JPEGs made by sharp and hard-linked
 * into the media layout the app uses (originals/, thumbs/, previews/). Same seed → same data.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../src/server/accounts/passwords.js';
import { connectDatabase } from '../../src/server/db/connect.js';
import { migrateToLatest } from '../../src/server/db/migrator.js';
import { parseArgs } from '../lib/args.js';
import { smallJpeg } from '../lib/images.js';
import { Prng } from '../lib/prng.js';
import { insertAudits } from './audits.js';
import { insertCatalog, insertUsers } from './catalog.js';
import { buildChecklist, insertChecklist } from './checklist.js';
import { ANCHOR, type DatasetManifest, MANIFEST_FILE, PASSWORD, SCALES, type Scale, SEED } from './scale.js';

export function defaultDataDir(scale: Scale['name']): string {
  return path.join(os.tmpdir(), `souzlift-bench-${scale}`);
}

function prepareDir(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length && !entries.includes(MANIFEST_FILE) && !entries.includes('.bench-partial')) {
      throw new Error(`${dir} is not empty and is not a benchmark dataset: refusing to overwrite it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.bench-partial'), '');
}

export async function generateDataset(
  dir: string,
  scale: Scale,
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<DatasetManifest> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let last = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
    log(`  ${name}: ${(timings[name] / 1000).toFixed(1)} s`);
  };
  log(`bench:data — ${scale.name} dataset into ${dir} (seed ${SEED})`);
  prepareDir(dir);
  const mediaDir = path.join(dir, 'media');
  const photoDir = path.join(dir, 'bench-photos');
  mkdirSync(photoDir, { recursive: true });
  const rng = new Prng(SEED);
  const at = new Date(ANCHOR - 800 * 86_400_000).toISOString();

  const handle = connectDatabase(path.join(dir, 'db.sqlite3'));
  try {
    await migrateToLatest(handle.db);
    const { sqlite } = handle;
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('cache_size = -262144');
    sqlite.pragma('temp_store = MEMORY');
    lap('migrations');

    const passwordHash = await hashPassword(PASSWORD);
    const users = insertUsers(sqlite, scale, passwordHash, at);
    lap(`users (${scale.auditors} auditors + ${scale.admins} admins, one scrypt hash)`);

    insertCatalog(sqlite, rng, scale, users.admins[0]!.id, at);
    lap(`catalog (${scale.buildings} buildings, ${scale.elevators} elevators)`);

    const checklist = buildChecklist(rng, scale.questions);
    const versionId = insertChecklist(sqlite, checklist, users.admins[0]!.id, at);
    lap(`checklist (${scale.questions} questions, version 1 published)`);

    const photos = [];
    for (let i = 0; i < scale.photoVariants; i++) {
      const jpeg = await smallJpeg(rng);
      const file = path.join(photoDir, `variant-${i}.jpg`);
      writeFileSync(file, jpeg.data);
      photos.push({ ...jpeg, file });
    }
    lap(`photo variants (${photos.length} JPEGs 320×240, ≈${Math.round(photos[0]!.size / 1024)} KB)`);

    const step = Math.max(1, Math.floor(scale.audits / 10));
    let nextReport = step;
    const stats = insertAudits(sqlite, rng, {
      scale,
      snapshot: checklist.snapshot,
      versionId,
      users,
      mediaDir,
      photos,
      progress: (done) => {
        if (done < nextReport && done !== scale.audits) return;
        nextReport += step;
        const s = (performance.now() - last) / 1000;
        log(`    ${done}/${scale.audits} audits (${Math.round((done * scale.questions) / s)} responses/s)`);
      },
    });
    lap(`audits (${stats.audits} audits, ${stats.responses} responses, ${stats.attachments} photos)`);

    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length)
      throw new Error(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);
    lap('foreign_key_check');

    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    lap('switch to WAL');

    const manifest: DatasetManifest = {
      format: 1,
      seed: SEED,
      scale,
      generatedAt: new Date().toISOString(),
      password: PASSWORD,
      auditors: users.auditors.map((u) => u.username),
      admins: users.admins.map((u) => u.username),
      checklistVersionId: versionId,
      timingsMs: { ...timings, total: Math.round(performance.now() - t0) },
      counts: {
        buildings: scale.buildings,
        elevators: scale.elevators,
        questions: scale.questions,
        users: users.auditors.length + users.admins.length,
        ...stats,
      },
    };
    writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(path.join(dir, '.bench-partial'), { force: true });
    log(
      `bench:data — done in ${(manifest.timingsMs.total! / 1000).toFixed(1)} s; comments on ${((stats.comments / stats.responses) * 100).toFixed(1)} % of answers`,
    );
    return manifest;
  } finally {
    await handle.close();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const args = parseArgs(process.argv.slice(2), { strings: ['dir', 'scale'], booleans: [] });
  const scaleName = (args.strings.scale ?? 'full') as Scale['name'];
  const scale = SCALES[scaleName];
  if (!scale) {
    process.stderr.write(`bench:data: unknown --scale ${scaleName} (full | quick)\n`);
    process.exit(2);
  }
  generateDataset(path.resolve(args.strings.dir ?? defaultDataDir(scaleName)), scale).catch(
    (error: unknown) => {
      process.stderr.write(
        `bench:data failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

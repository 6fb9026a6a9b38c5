import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/server/db/connect.js';
import { migrateToLatest } from '../../src/server/db/migrator.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const dir = tempDataDir('souzlift-seed-demo-');
beforeAll(async () => {
  const handle = connectDatabase(path.join(dir, 'db.sqlite3'));
  await migrateToLatest(handle.db);
  await handle.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('souzlift seed-demo', () => {
  it('adds demo buildings and lifts, and a second run adds nothing', () => {
    const env = { DATA_DIR: dir };
    const first = runCli(['seed-demo'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/добавлено зданий 10, лифтов 2\d/);
    const second = runCli(['seed-demo'], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('добавлено зданий 0, лифтов 0');
  });
});

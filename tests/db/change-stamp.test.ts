import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeStamp } from '../../src/server/db/change-stamp.js';
import { connectDatabase, type DatabaseHandle } from '../../src/server/db/connect.js';

describe('changeStamp', () => {
  let dir: string;
  let handle: DatabaseHandle;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'souzlift-stamp-'));
    handle = connectDatabase(path.join(dir, 'db.sqlite3'));
    await sql`create table t (id integer primary key, v text)`.execute(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays equal while nothing is written and changes with a write of this connection', async () => {
    const before = await changeStamp(handle.db);
    expect(await changeStamp(handle.db)).toBe(before);
    await sql`select count(*) from t`.execute(handle.db);
    expect(await changeStamp(handle.db)).toBe(before);
    await sql`insert into t (v) values ('a')`.execute(handle.db);
    expect(await changeStamp(handle.db)).not.toBe(before);
  });

  it('changes with a commit of another connection (the CLI, a restore)', async () => {
    const before = await changeStamp(handle.db);
    const other = new SQLite(path.join(dir, 'db.sqlite3'));
    try {
      other.prepare("insert into t (v) values ('from the CLI')").run();
    } finally {
      other.close();
    }
    expect(await changeStamp(handle.db)).not.toBe(before);
  });

  it('does not wait for a transaction that holds the connection, and sees its writes', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside = '';
    const trx = handle.db.transaction().execute(async (t) => {
      await sql`insert into t (v) values ('b')`.execute(t);
      inside = await changeStamp(t);
      await held;
    });
    await new Promise((r) => setTimeout(r, 20));
    // The transaction still holds Kysely's only connection: a Kysely query would wait here.
    const during = await changeStamp(handle.db);
    expect(during).toBe(inside);
    release();
    await trx;
    expect(await changeStamp(handle.db)).toBe(during);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/db/statement-cache.js';

describe('withStatementCache', () => {
  let dir: string;
  let sqlite: SQLite.Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'souzlift-stmt-'));
    sqlite = new SQLite(path.join(dir, 'db.sqlite3'));
    sqlite.exec('create table t (id integer primary key, v text)');
    const insert = sqlite.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 5; i++) insert.run(`v${i}`);
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out the same prepared statement for the same SQL text', () => {
    const db = withStatementCache(sqlite);
    const a = db.prepare('select v from t where id = ?');
    const b = db.prepare('select v from t where id = ?');
    expect(b).toBe(a);
    expect((a as SQLite.Statement).get(2)).toEqual({ v: 'v1' });
    expect(db.prepare('select v from t where id > ?')).not.toBe(a);
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const db = withStatementCache(sqlite);
    const sql = 'select id from t order by id';
    const first = db.prepare(sql) as SQLite.Statement;
    const seen: number[] = [];
    for (const row of first.iterate() as Iterable<{ id: number }>) {
      // A nested use of the same SQL (what a second query during a stream would do) must not fail.
      const inner = db.prepare(sql) as SQLite.Statement;
      expect(inner).not.toBe(first);
      expect(inner.all()).toHaveLength(5);
      seen.push(row.id);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(db.prepare(sql)).toBe(first);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const db = withStatementCache(sqlite, 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // now `select 2` is the least recently used
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('closes the connection', () => {
    const db = withStatementCache(sqlite);
    db.prepare('select 1');
    db.close();
    expect(sqlite.open).toBe(false);
  });
});

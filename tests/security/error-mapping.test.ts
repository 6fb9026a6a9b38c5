import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/server/plugins/errors.js';

/*
 * What the one error handler makes of errors no service anticipated: a real SQLite unique-constraint
 * error (two requests racing to create the same row) is a 409 with a code, any other unexpected error
 * a 500 that says nothing about the internals.
 */

function realSqliteError(sql: string): unknown {
  const db = new Database(':memory:');
  db.exec('create table t (k text primary key, u text unique)');
  db.exec("insert into t values ('a', 'x')");
  try {
    db.exec(sql);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('no error');
}

async function answerTo(error: unknown) {
  const app = Fastify();
  registerErrorHandling(app);
  app.get('/boom', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'GET', url: '/boom' });
  await app.close();
  return res;
}

describe('mapping unexpected errors', () => {
  it('answers a unique-constraint race with 409 request.conflict', async () => {
    for (const sql of ["insert into t values ('b', 'x')", "insert into t values ('a', 'y')"]) {
      const res = await answerTo(realSqliteError(sql));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('request.conflict');
    }
  });

  it('answers anything else with a bare 500 server.internal, without the internal message', async () => {
    const res = await answerTo(realSqliteError('select * from missing_table'));
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('server.internal');
    expect(res.body).not.toContain('missing_table');
  });
});

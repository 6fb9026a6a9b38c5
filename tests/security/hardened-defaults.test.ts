import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import {
  buildElevator,
  createAudit,
  jpegImage,
  publishChecklist,
  uploadPhoto,
} from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { FUZZ_SEED } from './support/fuzz.js';

/*
 * Defaults an attacker would probe that the other suites do not already pin down (headers, cookies,
 * CSRF, no-store and the deploy check have their own tests; see docs/security.md): session fixation
 * with a planted cookie, how stored photos are served, and spreadsheet formula injection through any
 * text an auditor can type (answers, comments and catalog addresses), in CSV and XLSX.
 */

let t: TestApp;
let admin: ApiClient;
let auditor: ApiClient;
let questions: Awaited<ReturnType<typeof publishChecklist>>['questions'];

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  questions = (await publishChecklist(t.ctx, publisher.id)).questions;
  admin = (await loggedIn(t, { role: 'admin' })).client;
  auditor = (await loggedIn(t)).client;
});
afterAll(() => t.close());

describe('session fixation', () => {
  it('replaces a cookie planted before login and never lets the planted value in', async () => {
    const victim = await buildUser(t.ctx);
    const planted = 'sid=attacker-chosen-token-value-0123456789';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: planted },
      payload: { username: victim.username, password: victim.password },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'sid');
    expect(issued?.value).toBeTruthy();
    expect(`sid=${issued?.value}`).not.toBe(planted);
    const withPlanted = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: planted },
    });
    expect(withPlanted.statusCode).toBe(401);
  });

  it("ends an attacker's own session planted in the victim's browser instead of handing it the victim", async () => {
    const attacker = await loggedIn(t);
    const victim = await buildUser(t.ctx);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: attacker.client.cookie },
      payload: { username: victim.username, password: victim.password },
    });
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: attacker.client.cookie },
    });
    // The planted session is gone: it cannot be the victim's, and it is no longer the attacker's either.
    expect(me.statusCode).toBe(401);
  });
});

describe('behind nginx (TRUST_PROXY=true)', () => {
  it('takes the client address nginx appends, so a forged X-Forwarded-For cannot dodge the per-address login limit', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        // nginx: X-Forwarded-For $proxy_add_x_forwarded_for → whatever the client sent, then its real address.
        const res = await proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
          payload: { username: `guess${i}`, password: 'Неверный-пароль-1' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // A peer that is not the local proxy cannot choose its address: its own one counts, not the header.
      const direct = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.50',
        headers: { 'x-forwarded-for': '203.0.113.7' },
        payload: { username: 'guess-direct', password: 'Неверный-пароль-1' },
      });
      expect(direct.statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});

describe('URLs the router refuses', () => {
  it('answers a malformed or over-long path with the usual JSON error and code, not Fastify internals', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/audits/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'request.invalid_url' },
      requestId: expect.any(String),
    });
    const long = await t.app.inject({ method: 'GET', url: `/api/audits/${'я'.repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ error: { code: 'request.invalid_url' } });
    expect(long.body).not.toContain('FST_');
  });
});

describe('stored photos', () => {
  it('serves every variant as an image with nosniff, inline Content-Disposition and the app CSP, even a JPEG carrying HTML', async () => {
    const { elevator } = await buildElevator(t.ctx);
    const audit = await createAudit(auditor, elevator.id);
    const polyglot = Buffer.concat([
      await jpegImage(200, 150),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    const up = await uploadPhoto(auditor, audit, polyglot, { questionId: questions[0]!.id }, 'text/html');
    expect(up.statusCode, up.body).toBe(201);
    const uuid = up.json<{ attachment: { uuid: string } }>().attachment.uuid;
    for (const suffix of ['', '/thumb', '/preview']) {
      const res = await auditor.get(`/api/attachments/${uuid}${suffix}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-disposition'])).toMatch(
        /^inline; filename="[0-9a-f-]+(-\w+)?\.jpg"$/,
      );
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    }
  });
});

async function sheetRows(res: LightMyRequestResponse): Promise<ExcelJS.Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: ExcelJS.Row[] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push(row));
  return rows;
}

const csvRows = (res: LightMyRequestResponse): string[][] =>
  parse(res.body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true });

describe('spreadsheet formula injection', () => {
  it('neutralises =, +, -, @, tab and CR at the start of any auditor text in CSV and XLSX exports', async () => {
    const trigger = fc.constantFrom('=', '+', '-', '@', '\t', '\r');
    const rest = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
    const text = fc.tuple(trigger, rest).map(([t0, r]) => `${t0}${r.replaceAll('\r', ' ')}`.slice(0, 60));
    await fc.assert(
      fc.asyncProperty(text, text, text, async (street, comment, answer) => {
        const stored = { street: street.trim() };
        const building = await auditor.post('/api/buildings', { city: 'Москва', street, house: '1' });
        expect(building.statusCode, building.body).toBe(201);
        const buildingId = building.json<{ building: { id: number } }>().building.id;
        const elevator = await auditor.post('/api/elevators', { buildingId, entrance: '1' });
        expect(elevator.statusCode, elevator.body).toBe(201);
        const uuid = randomUUID();
        const created = await auditor.post('/api/audits', {
          uuid,
          elevatorId: elevator.json<{ elevator: { id: number } }>().elevator.id,
        });
        expect(created.statusCode, created.body).toBe(201);
        const score = questions.find((q) => q.type === 'score')!;
        const textQ = questions.find((q) => q.type === 'text')!;
        expect(
          (await auditor.put(`/api/audits/${uuid}/responses/${score.id}`, { score: 1, comment })).statusCode,
        ).toBe(200);
        expect(
          (await auditor.put(`/api/audits/${uuid}/responses/${textQ.id}`, { textValue: answer })).statusCode,
        ).toBe(200);

        const all = (rows: string[][]) => rows.flat();
        const oneCsv = all(csvRows(await admin.get(`/api/reports/audits/${uuid}.csv`)));
        const listCsv = all(
          csvRows(
            await admin.get(
              `/api/reports/audits.csv?search=${encodeURIComponent(stored.street.slice(1, 10))}`,
            ),
          ),
        );
        for (const cell of [...oneCsv, ...listCsv])
          expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
        const csvOf = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
        // Stored trimmed or as typed (a text answer keeps its whitespace), but neutralised either way.
        for (const typed of [comment, answer])
          expect(oneCsv.filter((c) => c === csvOf(typed) || c === csvOf(typed.trim()))).toHaveLength(1);
        expect(listCsv).toContainEqual(expect.stringContaining(stored.street.replace(/^[=+\-@]/, '')));

        for (const url of [`/api/reports/audits/${uuid}.xlsx`, '/api/reports/audits.xlsx']) {
          const rows = await sheetRows(await admin.get(url));
          for (const row of rows)
            row.eachCell((cell) => {
              expect(cell.formula, `${url}: ${String(cell.value)}`).toBeUndefined();
              expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
            });
        }
      }),
      { seed: FUZZ_SEED, numRuns: 12, endOnFailure: true },
    );
  });
});

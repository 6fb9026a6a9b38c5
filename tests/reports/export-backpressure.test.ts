import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Column, createXlsxWriter } from '../../src/server/reports/table-writers.js';

interface Row {
  n: number;
  text: string;
  at: string;
}

const COLUMNS: Column<Row>[] = [
  { header: '№', width: 8, kind: 'integer', value: (r) => r.n },
  { header: 'Текст', width: 40, kind: 'text', value: (r) => r.text },
  { header: 'Когда', width: 16, kind: 'datetime', value: (r) => r.at },
];

// Random text: deflate cannot shrink it much, so a batch is ≈ 100 KB of zip output.
const batch = (from: number, size: number): Row[] =>
  Array.from({ length: size }, (_, i) => ({
    n: from + i,
    text: `${from + i} ${Math.random().toString(36).repeat(6)}`,
    at: '2026-11-27T09:30:00.000Z',
  }));

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('streamed XLSX writer', () => {
  it('waits while the client reads nothing, then finishes a valid sheet once it reads', async () => {
    const out = new PassThrough();
    const writer = await createXlsxWriter(out, COLUMNS, 'UTC', 'Лист');
    const BATCH = 500;
    const BATCHES = 20;
    let written = 0;
    let finished = false;
    const producing = (async () => {
      for (let b = 0; b < BATCHES; b += 1) {
        await writer.write(batch(b * BATCH, BATCH));
        written += 1;
      }
      await writer.finish();
      finished = true;
    })();

    // Nobody reads `out`: the writer must stop after a few batches instead of pushing the whole
    // sheet into memory (exceljs itself never waits).
    await settle(400);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(BATCHES);
    const stalledAt = written;
    await settle(200);
    expect(written).toBe(stalledAt);
    expect(finished).toBe(false);

    // The client starts reading: everything arrives, in order, as a valid workbook.
    const chunks: Buffer[] = [];
    const ended = new Promise((resolve) => out.once('end', resolve));
    out.on('data', (c: Buffer) => chunks.push(c));
    await producing;
    await ended;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Лист');
    expect(sheet.rowCount).toBe(1 + BATCH * BATCHES);
    expect(sheet.getRow(1).getCell(2).value).toBe('Текст');
    expect(sheet.getRow(2).getCell(1).value).toBe(0);
    expect(sheet.getRow(1 + BATCH * BATCHES).getCell(1).value).toBe(BATCH * BATCHES - 1);
    expect(sheet.getRow(2).getCell(3).value).toEqual(new Date('2026-11-27T09:30:00.000Z'));
  });

  it('stops when the client hangs up half-way (no hang, no error)', async () => {
    const out = new PassThrough();
    const writer = await createXlsxWriter(out, COLUMNS, 'UTC', 'Лист');
    let received = 0;
    out.on('data', (c: Buffer) => {
      received += c.length;
      if (received > 64 * 1024) out.destroy();
    });
    let batches = 0;
    for (let b = 0; b < 200 && !out.destroyed; b += 1) {
      await writer.write(batch(b * 500, 500));
      batches += 1;
    }
    await writer.finish();
    expect(out.destroyed).toBe(true);
    expect(batches).toBeLessThan(200);
  });
});

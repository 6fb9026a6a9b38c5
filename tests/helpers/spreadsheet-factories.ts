import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import yauzl from 'yauzl';

/** One file of a hand-made ZIP; `declaredSize` lets the archive lie about its unpacked size. */
export interface ZipPart {
  name: string;
  /** Raw deflate data (method 8). */
  deflated: Buffer;
  size: number;
  crc: number;
  declaredSize?: number;
  /** General purpose flags besides UTF-8 names (bit 0: encrypted). */
  flags?: number;
}

export function deflatedPart(name: string, data: Buffer | string): ZipPart {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { name, deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/**
 * A part that inflates to `unit` repeated `times` times without ever holding it: `unit` is deflated once
 * with a sync flush (no final block), the copies are concatenated and an empty final block closes them.
 * (The CRC is left 0: nothing that refuses the file reads that far.)
 */
export function repeatedPart(name: string, head: string, unit: string, times: number, tail: string): ZipPart {
  const flushed = (text: string) =>
    deflateRawSync(Buffer.from(text, 'utf8'), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  const unitDeflated = flushed(unit);
  const deflated = Buffer.concat([
    flushed(head),
    ...Array.from({ length: times }, () => unitDeflated),
    deflateRawSync(Buffer.from(tail, 'utf8')),
  ]);
  const size = Buffer.byteLength(head) + Buffer.byteLength(unit) * times + Buffer.byteLength(tail);
  return { name, deflated, size, crc: 0 };
}

/** A ZIP archive (no data descriptors, no ZIP64) of the given parts. */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const declared = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800 | (part.flags ?? 0), 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800 | (part.flags ?? 0), 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files inside an archive, inflated. */
export function unzipParts(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export const CATALOG_HEADER = [
  'Город',
  'Улица',
  'Дом',
  'Подъезд',
  'Грузоподъёмность, кг',
  'Остановок',
  'Рег. номер',
  'Примечание',
];

/** A catalog XLSX as an administrator would upload it: `lifts` rows, 40 lifts per street. */
export async function catalogXlsx(lifts: number, city = 'Тула'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лифты');
  ws.addRow(CATALOG_HEADER);
  for (let i = 0; i < lifts; i += 1) {
    ws.addRow([city, `ул. Заводская ${Math.floor(i / 40) + 1}`, String((i % 40) + 1), '1', 400, 9, '', '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The parts of a small valid workbook with `replace` applied: the way to build a bomb exceljs would
 * otherwise open.
 */
export async function workbookWith(base: Buffer, replace: ZipPart[]): Promise<Buffer> {
  const parts = [...(await unzipParts(base))].map(([name, data]) => deflatedPart(name, data));
  const names = new Set(replace.map((p) => p.name));
  return zipArchive([...parts.filter((p) => !names.has(p.name)), ...replace]);
}

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** The most the heap plus Buffers grew (MB) while `work` ran, sampled every few milliseconds. */
export async function memoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const before = used();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, used());
    return { result, growthMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** `<row>`s of ten tiny numeric cells: what makes exceljs allocate ≈ 250 bytes per XML element. */
export const TINY_CELLS_ROW = `<row>${'<c><v>1</v></c>'.repeat(10)}</row>`;

/** A checklist file from tests/fixtures/checklists (the customer's real spreadsheet and friends). */
export function checklistFixture(name: string): Buffer {
  return readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'checklists', name));
}

/** An import refused with `status` and `code` (and a message containing `text`, when given). */
export function expectRefused(
  res: { statusCode: number; body: string; json(): { error: { code: string; message: string } } },
  status: number,
  code: string,
  text?: string,
): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  if (text !== undefined) expect(res.json().error.message).toContain(text);
}

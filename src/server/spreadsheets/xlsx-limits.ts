/** What one XLSX import may cost: checked on the ZIP before exceljs sees it, and on the sheets after. */
export interface XlsxLimits {
  /** Files inside the archive. */
  maxEntries: number;
  /** Bytes actually inflated from all entries together (the archive's own size fields are not trusted). */
  maxUnpackedBytes: number;
  /** XML elements in all entries: exceljs keeps an object for nearly each of them. */
  maxElements: number;
  /** Cells that merged ranges, data validations and defined names cover: exceljs makes an object for each. */
  maxRangeCells: number;
  /** Per sheet, after reading. */
  maxRows: number;
  maxColumns: number;
  /** Rows × columns over all sheets: the importers turn every one into a string. */
  maxCells: number;
}

/*
 * Measured on Node 20 with exceljs 4.4.0 `xlsx.load` (heap peak above the idle heap):
 * - a realistic catalog of 10,000 lifts (8 columns, Russian addresses): 366 KB file, 3.4 MB unpacked,
 *   ≈ 195,000 XML elements, 46 MB heap peak, 0.5 s;
 * - 10 MB of tiny numeric cells (≈ 790,000 elements): 201 MB heap peak — ≈ 250 bytes per element,
 *   so the element count, not the byte count, is what bounds the heap;
 * - 40 MB of long cell texts (few elements): 104 MB heap peak.
 * With 512 MB of heap and one XLSX import at a time, an import must stay well under ≈ 150 MB.
 * Just under the catalog limits: 378,000 elements of tiny cells (550 KB file) cost 77 MB of heap,
 * 36 MB of long texts 91 MB; the guard itself adds ≈ 0.1 s and a few MB.
 * Ranges: merging 150,000 cells costs 36 MB (≈ 240 bytes a cell), a defined name (an autofilter's
 * `_FilterDatabase`) over 250,000 cells 24 MB.
 */

/**
 * Catalog import: ≈ 2× the 10,000-lift file's elements; ranges enough for an autofilter over 10,000
 * rows × 15 columns. Worst case ≈ 90 MB + 36 MB of heap (measured above).
 */
export const CATALOG_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 300,
  maxUnpackedBytes: 40 * 1024 * 1024,
  maxElements: 400_000,
  maxRangeCells: 150_000,
  maxRows: 20_000,
  maxColumns: 100,
  maxCells: 400_000,
};

/** Checklist import: a 150-question checklist is ≈ 30 KB and a few thousand elements; 2 MB file cap. */
export const CHECKLIST_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 300,
  maxUnpackedBytes: 16 * 1024 * 1024,
  maxElements: 150_000,
  maxRangeCells: 50_000,
  maxRows: 5_000,
  maxColumns: 100,
  maxCells: 100_000,
};

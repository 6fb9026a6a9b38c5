/**
 * Spreadsheet safety for exported text (CSV and XLSX). A cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is read by Excel/LibreOffice as a formula («CSV injection»). Such text is
 * prefixed with an apostrophe in CSV; in XLSX it is written as a plain string cell, never a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text for a CSV cell with formula triggers neutralised. */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

export type CellValue = string | number | Date | null;

/**
 * One RFC 4180 field with `;` as the separator: quoted when it holds `;`, `"`, CR or LF (quotes
 * doubled). Numbers use a decimal comma, as Excel expects with a Russian locale (the same locale that
 * wants `;`). Dates are expected to be pre-formatted text.
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const text = value instanceof Date ? value.toISOString() : neutraliseFormula(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(';')}\r\n`;
}

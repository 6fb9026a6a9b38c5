export { decodeText } from './decode-text.js';
export { readXlsxWorkbook, type Workbook, type Worksheet } from './read-workbook.js';
export { CATALOG_XLSX_LIMITS, CHECKLIST_XLSX_LIMITS, type XlsxLimits } from './xlsx-limits.js';

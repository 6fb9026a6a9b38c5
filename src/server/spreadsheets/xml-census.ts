/** A tag longer than this is not something Excel writes: refuse rather than buffer it. */
const MAX_OPEN_TAG = 64 * 1024;

const MERGE_REF = /<mergeCell\b[^>]*?\sref="([^"]*)"/g;
const VALIDATION_SQREF = /<(?:\w+:)?dataValidation\b[^>]*?\ssqref="([^"]*)"/g;
const CELL_RANGE = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by a space-separated list of ranges such as `A1:H1 B3`. */
export function rangeCells(refs: string): number {
  let total = 0;
  for (const ref of refs.trim().split(/\s+/)) {
    const m = CELL_RANGE.exec(ref.toUpperCase());
    if (!m) {
      if (ref) total += 1;
      continue;
    }
    const [, c1 = 'A', r1 = '1', c2 = c1, r2 = r1] = m;
    const rows = Math.abs(Number(r2) - Number(r1)) + 1;
    const cols = Math.abs(columnNumber(c2) - columnNumber(c1)) + 1;
    total += rows * cols;
  }
  return total;
}

/**
 * Counts, chunk by chunk as an entry inflates, what makes exceljs allocate: XML elements, and the
 * cells behind `<mergeCell ref>` and `<dataValidation sqref>` (exceljs expands both cell by cell, so a
 * 40-byte `A1:XFD1048576` would cost billions of objects). Only an unfinished tag is carried over.
 */
export class XmlCensus {
  elements = 0;
  rangeCells = 0;
  private carry = '';

  /** Returns false when a single tag is implausibly long. */
  push(chunk: Buffer): boolean {
    // latin1 maps each byte to one character: enough to find ASCII markup in UTF-8 text.
    const text = this.carry + chunk.toString('latin1');
    const lastOpen = text.lastIndexOf('<');
    const isTagOpen = lastOpen >= 0 && text.indexOf('>', lastOpen) < 0;
    this.carry = isTagOpen ? text.slice(lastOpen) : '';
    this.scan(isTagOpen ? text.slice(0, lastOpen) : text);
    return this.carry.length <= MAX_OPEN_TAG;
  }

  end(): void {
    this.scan(this.carry);
    this.carry = '';
  }

  private scan(text: string): void {
    for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
      const next = text.charCodeAt(i + 1);
      // Opening tags only: not `</`, `<?` or `<!`.
      if (next !== 47 && next !== 63 && next !== 33 && !Number.isNaN(next)) this.elements += 1;
    }
    if (!text.includes('mergeCell') && !text.includes('sqref')) return;
    for (const m of text.matchAll(MERGE_REF)) this.rangeCells += rangeCells(m[1] ?? '');
    for (const m of text.matchAll(VALIDATION_SQREF)) this.rangeCells += rangeCells(m[1] ?? '');
  }
}

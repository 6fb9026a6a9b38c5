/** Text after the last `<` longer than this is not something Excel writes (a cell holds ≤ 32,767 characters). */
const MAX_CARRY = 1024 * 1024;

// An attribute list, with quoted values taken whole so a `>` or `ref=` inside a value does not count.
const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*?`;
const attrValue = (tag: string, attr: string) =>
  new RegExp(`<(?:\\w+:)?${tag}\\b${ATTRS}\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const MERGE_REF = attrValue('mergeCell', 'ref');
const VALIDATION_SQREF = attrValue('dataValidation', 'sqref');
const DEFINED_NAME = new RegExp(`<(?:\\w+:)?definedName\\b${ATTRS}>([^<]*)`, 'g');
const REF_IN_TEXT = /(?<![\w$])\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?(?!\w)/g;
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
 * cells behind `<mergeCell ref>`, `<dataValidation sqref>` and `<definedName>` ranges (exceljs expands
 * all three cell by cell, so a 40-byte `A1:XFD1048576` would cost billions of objects). Everything from
 * the last `<` on waits for the next chunk, so a tag and the text after it are always seen whole.
 */
export class XmlCensus {
  elements = 0;
  rangeCells = 0;
  private carry = '';

  /** Returns false when the text since the last `<` is implausibly long. */
  push(chunk: Buffer): boolean {
    // latin1 maps each byte to one character: enough to find ASCII markup in UTF-8 text.
    const text = this.carry + chunk.toString('latin1');
    const lastOpen = text.lastIndexOf('<');
    this.carry = lastOpen < 0 ? '' : text.slice(lastOpen);
    this.scan(lastOpen < 0 ? text : text.slice(0, lastOpen));
    return this.carry.length <= MAX_CARRY;
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
    if (text.includes('mergeCell')) {
      for (const m of text.matchAll(MERGE_REF)) this.rangeCells += rangeCells(m[1] ?? m[2] ?? '');
    }
    if (text.includes('sqref')) {
      for (const m of text.matchAll(VALIDATION_SQREF)) this.rangeCells += rangeCells(m[1] ?? m[2] ?? '');
    }
    if (text.includes('definedName')) {
      for (const m of text.matchAll(DEFINED_NAME)) {
        for (const ref of (m[1] ?? '').matchAll(REF_IN_TEXT)) this.rangeCells += rangeCells(ref[0]);
      }
    }
  }
}

import { describe, expect, it } from 'vitest';
import { rangeCells, XmlCensus } from '../../src/server/spreadsheets/xml-census.js';

describe('XmlCensus', () => {
  it('counts cells of ranges, including columns past Z and reversed corners', () => {
    expect(rangeCells('A1')).toBe(1);
    expect(rangeCells('A1:H1 B3')).toBe(9);
    expect(rangeCells('$A$1:$B$2')).toBe(4);
    expect(rangeCells('AA10:Z1')).toBe(20);
    expect(rangeCells('A1:XFD1048576')).toBe(16384 * 1048576);
  });

  it('counts opening elements and merged cells exactly once whatever the chunk boundaries', () => {
    const xml =
      '<?xml version="1.0"?><worksheet><sheetData><row><c><v>1</v></c></row></sheetData>' +
      '<mergeCells><mergeCell ref="A1:C3"/></mergeCells><!-- note --></worksheet>';
    for (let size = 1; size <= xml.length; size += 1) {
      const census = new XmlCensus();
      for (let i = 0; i < xml.length; i += size) census.push(Buffer.from(xml.slice(i, i + size)));
      census.end();
      expect({ size, elements: census.elements, cells: census.rangeCells }).toEqual({
        size,
        elements: 7,
        cells: 9,
      });
    }
  });

  it('gives up on a tag longer than 64 KB instead of buffering it', () => {
    const census = new XmlCensus();
    expect(census.push(Buffer.from(`<c r="${'1'.repeat(70_000)}`))).toBe(false);
  });
});

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
      '<mergeCells><mergeCell ref="A1:C3"/></mergeCells><!-- note --><definedName>Лист!$A$1:$A$5</definedName></worksheet>';
    for (let size = 1; size <= xml.length; size += 1) {
      const census = new XmlCensus();
      for (let i = 0; i < xml.length; i += size) census.push(Buffer.from(xml.slice(i, i + size)));
      census.end();
      expect({ size, elements: census.elements, cells: census.rangeCells }).toEqual({
        size,
        elements: 8,
        cells: 14,
      });
    }
  });

  it('finds ranges in single quotes, behind a `>` inside another value, and in defined names', () => {
    const census = new XmlCensus();
    census.push(
      Buffer.from(
        `<mergeCell ref='A1:B2'/><x:mergeCell note="a>b" ref="C1:C10"/><dataValidation type="list" sqref="D1:D5 E1"/>` +
          '<definedName name="_xlnm._FilterDatabase" hidden="1">Лифты!$A$1:$H$100</definedName>' +
          '<definedName name="Всё">\'Лист 1\'!$A$1:$B$3,Sheet1!$C$1</definedName><selection sqref="A1"/>',
      ),
    );
    census.end();
    expect(census.rangeCells).toBe(4 + 10 + 6 + 800 + 6 + 1);
  });

  it('gives up on more than 1 MB after the last tag instead of buffering it', () => {
    const census = new XmlCensus();
    expect(census.push(Buffer.from(`<t>${'1'.repeat(1_100_000)}`))).toBe(false);
  });
});

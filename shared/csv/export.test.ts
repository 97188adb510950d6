import { describe, expect, it } from 'vitest';
import { csvDate, csvNumber, toCsv } from './export.ts';

describe('toCsv', () => {
  it('writes UTF-8 with a byte order mark, semicolons and CRLF line ends', () => {
    const csv = toCsv(
      [{ header: 'Nom' }, { header: 'Commune' }],
      [
        ['Dupont', 'Évry'],
        ['Martin', 'Créteil'],
      ],
    );
    expect(csv).toBe('\uFEFFNom;Commune\r\nDupont;Évry\r\nMartin;Créteil\r\n');
  });

  it('quotes cells holding a separator, a quote or a line break, doubling the quotes', () => {
    const csv = toCsv([{ header: 'a' }, { header: 'b' }, { header: 'c' }, { header: 'd' }], [['1;2', 'dit "bonjour"', 'ligne 1\nligne 2', 'x\ry']]);
    expect(csv).toBe('\uFEFFa;b;c;d\r\n"1;2";"dit ""bonjour""";"ligne 1\nligne 2";"x\ry"\r\n');
  });

  it('leaves commas alone: they are not the separator', () => {
    expect(toCsv([{ header: 'Adresse' }], [['3, rue de la Paix']])).toBe('\uFEFFAdresse\r\n3, rue de la Paix\r\n');
  });

  it('prefixes cells that a spreadsheet would run as formulas with an apostrophe', () => {
    const cells = ['=1+2', '+33 6 12 34 56 78', '-2+3+cmd|calc', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'];
    const csv = toCsv(
      cells.map((_, i) => ({ header: `c${i}` })),
      [cells],
    );
    const line = csv.split('\r\n')[1];
    expect(line).toBe(`"'=1+2";"'+33 6 12 34 56 78";"'-2+3+cmd|calc";"'@SUM(A1)";"'\tx";"'\rx";"'=HYPERLINK(""http://x"")"`);
  });

  it('prefixes formulas hidden behind leading spaces or line breaks, or written in fullwidth signs', () => {
    const cells = [' =1+2', '\u00a0@SUM(A1)', '\n=cmd', '\r\n+1', '\uFF1D1+2', '\uFF0B33', '\uFF0D2', '\uFF20SUM(A1)', '  \uFF1Dx'];
    const csv = toCsv(
      cells.map((_, i) => ({ header: `c${i}` })),
      [cells],
    );
    expect(csv.slice(csv.indexOf('\r\n') + 2, -2).split(';')).toEqual(cells.map((c) => `"'${c}"`));
    expect(toCsv([{ header: 'a' }, { header: 'b' }], [[' Dupont', '1 = 1']]).split('\r\n')[1]).toBe('" Dupont";1 = 1');
  });

  it('escapes a header as well', () => {
    expect(toCsv([{ header: '=cmd' }], [])).toBe(`\uFEFF"'=cmd"\r\n`);
  });

  it('keeps plain negative numbers as numbers, typed or already written', () => {
    const csv = toCsv([{ header: 'a' }, { header: 'b' }, { header: 'c' }], [[-3.5, '-12', '-3,5']]);
    expect(csv.split('\r\n')[1]).toBe('-3,5;-12;-3,5');
  });

  it('writes typed values the French way', () => {
    const csv = toCsv(
      [{ header: 'n' }, { header: 'f' }, { header: 'z' }, { header: 'nan' }, { header: 'oui' }, { header: 'non' }, { header: 'vide' }, { header: 'absent' }],
      [[1234.5, 0.1 + 0.2, -0, Number.NaN, true, false, null, undefined]],
    );
    expect(csv.split('\r\n')[1]).toBe('1234,5;0,3;0;;oui;non;;');
  });

  it('formats numbers and dates for Excel in France', () => {
    expect(csvNumber(2578)).toBe('2578');
    expect(csvNumber(12.25)).toBe('12,25');
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvDate('2026-03-01')).toBe('01/03/2026');
    expect(csvDate(undefined)).toBe('');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([{ header: 'Nom' }, { header: 'Prénom' }], [])).toBe('\uFEFFNom;Prénom\r\n');
  });

  it('refuses a row whose length differs from the columns', () => {
    expect(() => toCsv([{ header: 'a' }, { header: 'b' }], [['1']])).toThrow(/row 0 has 1 cells for 2 columns/);
  });

  it('escapes a text cell that only starts like a negative number, and a lone sign', () => {
    const cells = ['-1\n=cmd', '-3,5+1', '-', '+', '-12e3'];
    const csv = toCsv(
      cells.map((_, i) => ({ header: `c${i}` })),
      [cells],
    );
    expect(csv.split('\r\n')[1]).toBe(`"'-1\n=cmd";"'-3,5+1";"'-";"'+";"'-12e3"`);
  });

  it('keeps every typed number a number, negative or not', () => {
    const numbers = [-0.25, -1234.5, -400, 0, 7.75];
    const csv = toCsv(
      numbers.map((_, i) => ({ header: `n${i}` })),
      [numbers],
    );
    expect(csv.split('\r\n')[1]).toBe('-0,25;-1234,5;-400;0;7,75');
  });
});

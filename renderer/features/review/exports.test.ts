import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeAnnualReview } from '../../../shared/review/annualReview.ts';
import type { ReviewData, SiteDirectoryEntry } from '../../../shared/review/types.ts';
import { numberFormat, reviewTableCsv, reviewWorkbook } from './exports.ts';

const SITE = '01900000-0000-7000-8000-000000000001';
const site: SiteDirectoryEntry = {
  siteId: SITE,
  code: 'SPIP-54',
  name: 'SPIP de Meurthe-et-Moselle',
  kind: 'spip',
  departement: '54',
  region: 'Grand Est',
  disp: '',
};
const stamp = { siteId: SITE };

/** A partner with one host and post, two placements (one per year) and their hours. */
const data: ReviewData = {
  partners: [{ id: 'p1', ...stamp, name: 'Ville de Nancy', kind: 'collectivite', scope: 'local' }],
  agreements: [{ id: 'a1', partnerId: 'p1' }],
  organisations: [{ id: 'o1', agreementId: 'a1' }],
  posts: [{ id: 'post1', ...stamp, organisationId: 'o1', capacity: 2, active: true, updatedAt: '2024-01-01T00:00:00.000Z-0000-x' }],
  placements: [
    { id: 'pl1', ...stamp, postId: 'post1', startDate: '2024-03-01', status: 'terminee' },
    { id: 'pl2', ...stamp, postId: 'post1', startDate: '2025-03-01', status: 'en_cours' },
  ],
  hourLogs: [
    { id: 'h1', ...stamp, placementId: 'pl1', date: '2024-03-02', hours: 8 },
    { id: 'h2', ...stamp, placementId: 'pl2', date: '2025-03-02', hours: 6 },
  ],
  programmes: [],
  sessions: [],
  attendance: [],
  workshopFigures: [],
};
const review = computeAnnualReview(data, { year: 2025, scope: { kind: 'site', siteId: SITE }, sites: [site] });

describe('annual review exports', () => {
  it('writes one XLSX sheet per table with the column labels on the first line and the figures as numbers', async () => {
    const { fileName, bytes } = await reviewWorkbook(review);
    expect(fileName).toBe('bilan-2025-spip-de-meurthe-et-moselle-spip-54.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Partenaires',
      'Territoires (site)',
      'Programmes',
      'Programmes par partenaire',
      'Programmes par site',
      'Ateliers de production',
    ]);
    for (const table of review.tables) {
      const sheet = workbook.getWorksheet(table.sheet)!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.columns.map((c) => c.label));
      expect(sheet.rowCount).toBe(1 + table.rows.length + (table.total ? 1 : 0));
    }
    const summary = workbook.getWorksheet('Synthèse')!;
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['Indicateur', '2025', '2024', 'Évolution']);
    const hours = summary.getRows(2, summary.rowCount - 1)!.find((r) => r.getCell(1).value === 'Heures de TIG en mise en situation')!;
    expect([hours.getCell(2).value, hours.getCell(3).value, hours.getCell(4).value]).toEqual([6, 8, -0.25]);
    expect(hours.getCell(4).numFmt).toBe('+0.0%;-0.0%;0.0%');
    // Whole figures without decimals: `#,##0.##` would show "6," in Excel.
    expect([hours.getCell(2).numFmt, hours.getCell(3).numFmt]).toEqual(['#,##0', '#,##0']);
    const partners = workbook.getWorksheet('Partenaires')!;
    expect(partners.getRow(2).getCell(1).value).toBe('Ville de Nancy');
    expect(partners.getRow(partners.rowCount).getCell(1).value).toBe('Total');
  });

  it('shows decimals only on figures that have some', () => {
    expect(numberFormat('hours', 12)).toBe('#,##0');
    expect(numberFormat('count', 1500)).toBe('#,##0');
    expect(numberFormat('hours', 3.25)).toBe('#,##0.##');
    expect(numberFormat('ratio', 1)).toBe('+0.0%;-0.0%;0.0%');
    expect(numberFormat('text', 1)).toBeUndefined();
  });

  it('writes a table as a French CSV, changes as percentages', () => {
    const summary = review.tables[0]!;
    const { fileName, content } = reviewTableCsv(review, summary);
    expect(fileName).toBe('bilan-2025-spip-de-meurthe-et-moselle-spip-54-synthese.csv');
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('\uFEFFIndicateur;2025;2024;Évolution (%)');
    expect(lines).toContain('Heures de TIG en mise en situation;6;8;-25');
    expect(lines).toContain('Séances;0;0;');
  });
});

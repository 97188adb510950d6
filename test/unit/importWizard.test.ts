import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { papa } from '../../shared/csv/papa.ts';
import { importFields, type ImportKind } from '../../shared/csv/importFields.ts';
import { commitImport, previewImport } from '../../shared/repos/imports.ts';
import { listOrganisations } from '../../shared/repos/organisations.ts';
import { listPersons } from '../../shared/repos/persons.ts';
import { listPosts } from '../../shared/repos/posts.ts';
import {
  assignColumn,
  countOf,
  guessMapping,
  ignoredHeaders,
  importedText,
  importRows,
  mappingErrors,
  mergeLines,
  readCsv,
  reportCsv,
  reportLines,
  templateCsv,
  unreadableLines,
  type ParsedCsv,
} from '../../renderer/features/imports/importWizard.ts';
import { testContext } from '../support/memoryDb.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', name)));

function parsed(name: string): ParsedCsv {
  const result = readCsv(fixture(name));
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** What the wizard does from the file to the check, with the mapping it guesses. */
async function check(ctx: Awaited<ReturnType<typeof testContext>>, kind: ImportKind, file: ParsedCsv) {
  const mapping = guessMapping(kind, file.headers);
  const { rows, lines } = importRows(file, mapping);
  const preview = await previewImport(ctx, kind, rows, { lines });
  return { mapping, rows, lines, preview, report: mergeLines(preview.lines, unreadableLines(file)) };
}

const summary = (lines: readonly { line: number; status: string; reasons: string[] }[]) => lines.map((l) => [l.line, l.status, ...l.reasons]);

describe('CSV import wizard', () => {
  it('reads a Windows-1252 file of organisations with accents, maps every column, and checks it without writing', async () => {
    const ctx = await testContext();
    const file = parsed('organisations-windows-1252.csv');
    expect(file).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(file.headers).toContain('Département');
    const { mapping, preview, report } = await check(ctx, 'organisations', file);
    expect(ignoredHeaders(file.headers, mapping)).toEqual([]);
    expect(mappingErrors('organisations', mapping)).toEqual([]);
    expect(mapping).toMatchObject({ name: 'Raison sociale', siret: 'N° SIRET', communeName: 'Ville', habilitationValidUntil: "Fin d'habilitation" });
    expect(preview).toMatchObject({ ok: 4, refused: 4, blocking: 0 });
    expect(report.map((l) => l.label)).toContain('Restos du Cœur – antenne de Toul');
    // A collectivité territoriale is imported without the habilitation its row names, and the report says why.
    expect(summary(report.filter((l) => l.line === 3))).toEqual([
      [3, 'ok', 'Habilitation non reprise : « Collectivité territoriale » est une personne morale de droit public, qui accueille des TIG sans habilitation'],
    ]);
    expect(summary(report.filter((l) => l.status !== 'ok'))).toEqual([
      [6, 'refused', 'SIRET invalide : 14 chiffres dont la clé de contrôle est juste'],
      [7, 'refused', 'Type de structure : champ obligatoire'],
      [8, 'refused', 'SIRET 77501234000011 : déjà présent plus haut dans le fichier'],
      [9, 'refused', 'Date de la décision d’habilitation : « 31/02/2025 » n’est pas une date (jj/mm/aaaa)'],
    ]);
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);
  });

  it('commits the accepted rows, then reports every line: imported, refused with reasons, unreadable', async () => {
    const ctx = await testContext();
    const file = parsed('personnes-lignes-refusees.csv');
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    const { rows, lines, preview } = await check(ctx, 'persons', file);
    const result = await commitImport(ctx, 'persons', rows, { lines });
    expect(result.written).toBe(2);
    expect((await listPersons(ctx)).map((p) => p.caseNumber).sort()).toEqual(['2026/00123', '2026/00124']);
    const report = reportLines(lines, result.refused, unreadableLines(file), preview.lines);
    expect(summary(report)).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'refused', 'Date de naissance : « 31/02/1995 » n’est pas une date (jj/mm/aaaa)'],
      [5, 'refused', 'Nom : champ obligatoire'],
      [6, 'refused', 'Numéro de dossier : champ obligatoire'],
      [7, 'refused', 'Numéro de dossier 2026/00123 : déjà présent plus haut dans le fichier'],
      [8, 'refused', 'Téléphone : Numéro de téléphone invalide (ex. 01 23 45 67 89)'],
      [9, 'refused', '8 colonnes au lieu de 7 (un « ; » en trop ou en moins ?).'],
    ]);
    expect(report[0]?.label).toBe('Lefèvre Julien');

    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFLigne;Libellé;Résultat;Motifs\r\n')).toBe(true);
    const records = papa.parse(csv.slice(1), { delimiter: ';', header: false, skipEmptyLines: false }).data.filter((r) => r.join('') !== '');
    expect(records).toHaveLength(9);
    expect(records[1]).toEqual(['2', 'Lefèvre Julien', 'Importée', '']);
    expect(records[3]).toEqual(['4', 'Durand Inès', 'Refusée', 'Date de naissance : « 31/02/1995 » n’est pas une date (jj/mm/aaaa)']);
  });

  it('imports posts from a UTF-8 file with a byte order mark onto the organisations imported before', async () => {
    const ctx = await testContext();
    const organisations = await check(ctx, 'organisations', parsed('organisations-windows-1252.csv'));
    await commitImport(ctx, 'organisations', organisations.rows, { lines: organisations.lines });
    const file = parsed('postes-utf8-bom.csv');
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    expect(file.headers[0]).toBe('SIRET de la structure');
    const { rows, lines, preview } = await check(ctx, 'posts', file);
    expect(summary(preview.lines.filter((l) => l.status !== 'ok')).map(([line, status, reason]) => [line, status, String(reason).split(' (')[0]])).toEqual([
      [5, 'refused', 'Aucune structure enregistrée au nom de « Association inconnue »'],
      [6, 'refused', 'Domaine d’activité : « Peinture » : domaine d’activité inconnu'],
      [7, 'refused', 'Capacité'],
    ]);
    expect((await commitImport(ctx, 'posts', rows, { lines })).written).toBe(3);
    const posts = await listPosts(ctx);
    expect(posts.map((p) => [p.title, p.organisationName, p.tutorNames]).sort()).toEqual([
      ['Accueil et archives', 'Mairie de Lunéville', ['Luc Petit']],
      ['Aide en cuisine', 'Centre hospitalier de Verdun', []],
      ['Entretien du potager', 'Association Les Jardins de Cocagne de Lorraine', ['Claire Morel']],
    ]);
    expect((await listOrganisations(ctx)).find((o) => o.name === 'Mairie de Lunéville')?.habilitation.status).toBe('non_requise');
  });

  it('lets the user fix the mapping: a column serves one field, a required field without a column stops the check', () => {
    const file = parsed('organisations-windows-1252.csv');
    const guessed = guessMapping('organisations', file.headers);
    const moved = assignColumn(guessed, 'contactName', 'Raison sociale');
    expect(moved.contactName).toBe('Raison sociale');
    expect(moved.name).toBeUndefined();
    expect(mappingErrors('organisations', moved)).toEqual(['Choisissez la colonne qui contient « Nom de la structure » (obligatoire).']);
    const cleared = assignColumn(guessed, 'siret', undefined);
    expect(cleared.siret).toBeUndefined();
    expect(ignoredHeaders(file.headers, cleared)).toEqual(['N° SIRET']);
    expect(importRows(file, cleared).rows[0]).not.toHaveProperty('siret');
  });

  it('offers a template whose headers the import recognises', () => {
    for (const kind of ['organisations', 'posts', 'persons'] as const) {
      const csv = templateCsv(kind);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const headers = papa.parse(csv.slice(1), { delimiter: ';', header: false, skipEmptyLines: false }).data[0]!;
      expect(headers).toHaveLength(importFields[kind].length);
      expect(Object.keys(guessMapping(kind, headers)).sort()).toEqual(importFields[kind].map((f) => f.field).sort());
    }
  });

  it('counts in French', () => {
    expect(importedText('organisations', 4)).toBe('4 structures d’accueil importées');
    expect(importedText('posts', 1)).toBe('1 poste de TIG importé');
    expect(importedText('persons', 0)).toBe('0 personne suivie importée');
    expect(countOf('posts', 1234)).toBe('1\u202f234 postes de TIG');
  });

  it('refuses an empty file and says why', () => {
    expect(readCsv(new Uint8Array())).toEqual({ ok: false, error: 'Le fichier est vide.' });
  });
});

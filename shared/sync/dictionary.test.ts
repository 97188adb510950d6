import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { centralEntityNames, entityNames } from '../schemas/entities.ts';
import { csvColumns, csvFileName } from './centralExport.ts';
import { codeLists, dataDictionary, dictionaryFiles, ndjsonOnly, siteColumns, type CodeEntry } from './dictionary.ts';
import { wireEntities } from './travel.ts';

/**
 * Codes BI tools may rely on, as the export wrote them when the dictionary was first shipped. A code may be
 * added to a list (add it here too), never renamed nor removed: reports built on the export would break.
 */
const stableCodes: Record<string, readonly string[]> = {
  'organisation.kind': ['organisme_public', 'prive_mission_service_public', 'collectivite_territoriale', 'association'],
  'post.domain': [
    'espaces_verts',
    'entretien_nettoyage',
    'restauration',
    'logistique',
    'aide_personne',
    'patrimoine_culture',
    'sport',
    'environnement_recyclage',
    'administratif',
    'batiment',
    'animation',
    'autre',
  ],
  'person.ageBand': ['16-17', '18-25', '26-49', '50+'],
  'measure.kind': ['tig_peine', 'sursis_probatoire_tig', 'tnr', 'reparation_penale', 'stage', 'activite_de_jour'],
  'measure.offenceCategory': ['delit', 'contravention_5e'],
  'measure.status': ['a_affecter', 'en_cours', 'suspendue', 'terminee', 'echue', 'revoquee', 'transferee'],
  'placement.status': ['prevue', 'en_cours', 'terminee', 'interrompue'],
  'incident.kind': ['absence_injustifiee', 'retard', 'comportement', 'accident', 'autre'],
  'partner.kind': ['administration', 'entreprise', 'association', 'fondation', 'collectivite'],
  'partner.scope': ['national', 'local'],
  'agreement.kind': ['accord_cadre_national', 'convention_objectifs', 'convention_locale'],
  'agreement.scope': ['tig', 'tnr', 'reparation_penale', 'stage', 'activite_de_jour', 'formation', 'travail_detention'],
  'establishmentProfile.disp': ['bordeaux', 'dijon', 'lille', 'lyon', 'marseille', 'paris', 'rennes', 'strasbourg', 'toulouse', 'outre_mer'],
  'establishmentProfile.domains': [
    'dao',
    'metallerie',
    'recyclage_informatique',
    'services_entreprises',
    'conditionnement_logistique',
    'menuiserie',
    'confection_textile',
    'cuisine_restauration',
    'batiment',
    'espaces_verts_agriculture',
    'numerique',
    'entretien_proprete',
    'insertion_emploi',
    'creation_entreprise',
    'autre',
  ],
  'programme.kind': ['atelier_production', 'formation_professionnelle', 'apprentissage', 'tig_pedagogique', 'module_insertion', 'entrepreneuriat', 'autre'],
  'programme.domain': [
    'dao',
    'metallerie',
    'recyclage_informatique',
    'services_entreprises',
    'conditionnement_logistique',
    'menuiserie',
    'confection_textile',
    'cuisine_restauration',
    'batiment',
    'espaces_verts_agriculture',
    'numerique',
    'entretien_proprete',
    'insertion_emploi',
    'creation_entreprise',
    'autre',
  ],
  'programme.milieu': ['ouvert', 'ferme'],
  'session.themes': [
    'attentes_employeurs',
    'projet_professionnel',
    'cv',
    'recherche_emploi',
    'entretien_embauche',
    'lettre_motivation',
    'creation_entreprise',
    'temoignages',
    'visite_site',
  ],
  'enrolment.status': ['inscrit', 'present', 'abandon', 'exclu'],
  'site.kind': ['spip', 'etablissement', 'pjj', 'atigip'],
};

function listsOf(): Record<string, CodeEntry[]> {
  const lists: Record<string, CodeEntry[]> = {};
  for (const code of codeLists()) (lists[code.list] ??= []).push(code);
  return lists;
}

describe('the data dictionary of the central export', () => {
  const dictionary = dataDictionary();
  const entry = (file: string, column: string) => dictionary.find((e) => e.file === file && e.column === column);

  it('has an entry, with a type and a French label, for every column of every exported file', () => {
    const columns = [
      ...centralEntityNames.flatMap((entity) => csvColumns(entity).map((column) => [csvFileName(entity), column] as const)),
      ...siteColumns.map(([c]) => ['sites.csv', c] as const),
    ];
    const missing = columns.filter(([file, column]) => {
      const e = entry(file, column);
      return !e || e.label === column || e.label.trim() === '' || e.type.includes('inconnu');
    });
    expect(missing).toEqual([]);
    expect(dictionary).toHaveLength(columns.length + ndjsonOnly.length);
  });

  it('lists every code of every coded column, each with its French label: the codes the schema accepts, no other', () => {
    const lists = listsOf();
    for (const entity of entityNames) {
      for (const [column, field] of wireEntities[entity].fields) {
        // The recycle bin's field travels but is never exported: a record in a site's bin is left out.
        if (!csvColumns(entity).includes(column)) continue;
        const json = z.toJSONSchema(field.schema, { unrepresentable: 'any' }) as { enum?: string[]; items?: { enum?: string[] } };
        const accepted = json.enum ?? json.items?.enum;
        const e = entry(csvFileName(entity), column)!;
        expect(e.codes !== undefined, `${entity}.${column} is coded`).toBe(accepted !== undefined);
        if (!accepted) continue;
        const listed = lists[e.codes!] ?? [];
        expect(listed.map((c) => c.code).sort(), `${entity}.${column}`).toEqual([...accepted].sort());
        for (const code of listed) expect(code.label.trim(), `${e.codes} ${code.code}`).not.toBe('');
      }
    }
    expect(entry('measures.csv', 'kind')).toMatchObject({ type: 'code', label: 'Nature de la mesure', codes: 'measure.kind' });
    expect(lists['measure.kind']?.find((c) => c.code === 'tnr')?.label).toBe('Travail non rémunéré (TNR)');
    expect(entry('persons.csv', 'ageBand')).toMatchObject({ codes: 'person.ageBand', label: 'Tranche d’âge (à la date de la modification)' });
  });

  it('keeps every code it ever shipped', () => {
    const now = listsOf();
    for (const [list, codes] of Object.entries(stableCodes)) {
      expect(
        codes.filter((code) => !now[list]?.some((c) => c.code === code)),
        `codes dropped from ${list}`,
      ).toEqual([]);
    }
  });

  it('is written as two CSV files the export ships beside its data', () => {
    const [dictionaryCsv, codesCsv] = dictionaryFiles();
    expect(dictionaryCsv?.name).toBe('dictionnaire.csv');
    expect(dictionaryCsv?.text.split('\r\n')[0]).toBe('\uFEFFFichier CSV;Entité (NDJSON);Colonne;Type;Libellé;Liste de codes');
    expect(dictionaryCsv?.text).toContain('measures.csv;measure;hoursOrdered;nombre décimal;Heures ordonnées;\r\n');
    expect(codesCsv?.name).toBe('codes.csv');
    expect(codesCsv?.text).toContain('organisation.kind;collectivite_territoriale;Collectivité territoriale\r\n');
  });
});

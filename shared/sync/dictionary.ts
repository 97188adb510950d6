import * as z from 'zod';
import { toCsv } from '../csv/export.ts';
import { centralEntityNames, type EntityName } from '../schemas/entities.ts';
import { labelOf } from '../schemas/labels.ts';
import { siteKindLabels, siteKinds } from '../schemas/site.ts';
import { codeListOf } from '../schemas/valueLabels.ts';
import { csvColumns, csvFileName } from './centralExport.ts';
import { ageBandLabels } from './pseudonym.ts';
import { wireEntities } from './travel.ts';

/**
 * The data dictionary that ships with every central export (NDJSON and CSV): each file, each column, its
 * type, its French label and, for a coded column, its list of codes with their labels. It is derived from
 * the wire schemas (travel.ts), the field labels (labels.ts) and the value labels (valueLabels.ts), so it
 * cannot drift from what the export writes; a test checks that every exported column has an entry, and that
 * no code a BI tool may rely on ever disappears.
 */
export interface DictionaryEntry {
  /** The CSV file (`measures.csv`), or `sites.csv` for the site directory. */
  file: string;
  /** The value of `entity` on the NDJSON lines of the same records. */
  entity: string;
  column: string;
  type: string;
  label: string;
  /** Name of the code list in `codes.csv`, for a coded column. */
  codes?: string;
}

export interface CodeEntry {
  list: string;
  code: string;
  label: string;
}

export const DICTIONARY_FILE = 'dictionnaire.csv';
export const CODES_FILE = 'codes.csv';

const envelope: Record<string, { type: string; label: string }> = {
  id: { type: 'identifiant', label: 'Identifiant de l’enregistrement (clé pseudonyme pour une personne)' },
  siteId: { type: 'identifiant', label: 'Site qui a créé l’enregistrement (voir sites.csv)' },
  updatedAt: { type: 'horloge', label: 'Horloge de la dernière modification (date et heure UTC, compteur, site)' },
};

/** Labels of fields that exist only on the wire: derived from a field the site keeps. */
const wireLabels: Partial<Record<EntityName, Record<string, string>>> = { person: { ageBand: 'Tranche d’âge (à la date de la modification)' } };
const wireCodes: Partial<Record<EntityName, Record<string, Record<string, string>>>> = { person: { ageBand: ageBandLabels } };

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const output = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as JsonSchema;
  // A transformed field (a SIRET without its spaces) says what it accepts, not what it gives.
  return output.type === undefined && output.enum === undefined ? (z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema) : output;
}

const PSEUDONYM = '^[0-9a-f]{64}$';

function typeOf(s: JsonSchema): string {
  if (s.enum) return 'code';
  if (s.type === 'array') {
    const item = s.items ?? {};
    if (item.enum) return 'liste de codes (JSON)';
    if (item.type === 'object') {
      const keys = Object.entries(item.properties ?? {}).map(([key, value]) => `${key} : ${typeOf(value)}`);
      return `liste d’objets (JSON) { ${keys.join(' ; ')} }`;
    }
    return `liste (JSON) de : ${typeOf(item)}`;
  }
  if (s.type === 'integer') return 'nombre entier';
  if (s.type === 'number') return 'nombre décimal';
  if (s.type === 'boolean') return 'booléen (true/false en NDJSON, oui/non en CSV)';
  if (s.type === 'object') return 'objet (JSON)';
  if (s.type === 'string') {
    if (s.format === 'date') return 'date (aaaa-mm-jj)';
    if (s.format === 'uuid') return 'identifiant';
    if (s.pattern === PSEUDONYM) return 'clé pseudonyme';
    return 'texte';
  }
  return 'inconnu';
}

function codeListName(entity: EntityName, column: string): string {
  return `${entity}.${column}`;
}

function codesOf(entity: EntityName, column: string): Record<string, string> | undefined {
  return wireCodes[entity]?.[column] ?? codeListOf(entity, column);
}

/** Every column of every exported file, in the order the files list them. */
export function dataDictionary(): DictionaryEntry[] {
  const rows: DictionaryEntry[] = [];
  for (const entity of centralEntityNames) {
    const file = csvFileName(entity);
    for (const column of csvColumns(entity)) {
      const base = envelope[column];
      if (base) {
        rows.push({ file, entity, column, ...base });
        continue;
      }
      const schema = jsonSchemaOf(wireEntities[entity].fields.get(column)!.schema);
      const coded = schema.enum !== undefined || schema.items?.enum !== undefined;
      rows.push({
        file,
        entity,
        column,
        type: typeOf(schema),
        label: wireLabels[entity]?.[column] ?? labelOf(entity, column),
        ...(coded ? { codes: codeListName(entity, column) } : {}),
      });
    }
  }
  for (const [column, type, label] of siteColumns) {
    rows.push({ file: 'sites.csv', entity: 'site', column, type, label, ...(column === 'type' ? { codes: 'site.kind' } : {}) });
  }
  for (const [entity, column, type, label] of ndjsonOnly) {
    rows.push({ file: NDJSON_FILE, entity, column, type, label, ...(entity === 'site' && column === 'kind' ? { codes: 'site.kind' } : {}) });
  }
  return rows;
}

/** What the dictionary names as the file of the keys only the NDJSON file has. */
export const NDJSON_FILE = 'fichier central NDJSON';

/** Keys of the NDJSON lines that no CSV column carries: every line's `entity` and `deleted`, the directory lines' keys. */
export const ndjsonOnly: readonly (readonly [string, string, string, string])[] = [
  ['(toutes)', 'entity', 'texte', 'Nature de la ligne : l’entité de l’enregistrement (organisation, measure…), ou site pour l’annuaire des sites'],
  ['(toutes)', 'deleted', 'booléen (true)', 'Enregistrement supprimé : présent pour une suppression seulement, sans autre champ'],
  ['site', 'id', 'identifiant', 'Identifiant du site (le siteId des enregistrements)'],
  ['site', 'code', 'texte', 'Code du site'],
  ['site', 'name', 'texte', 'Nom du site'],
  ['site', 'kind', 'code', 'Type de site'],
  ['site', 'departement', 'texte', 'Département du site'],
  ['site', 'disp', 'texte', 'Direction interrégionale des services pénitentiaires'],
  ['site', 'keyId', 'texte', 'Empreinte de la clé de signature du site'],
  ['site', 'ackedClock', 'horloge', 'Horloge la plus haute reçue du site (ce que couvre son accusé de réception)'],
  [
    'site',
    'lastBundle',
    'objet (JSON) { sequence : nombre entier ; createdAt : date et heure }',
    'Dernier lot reçu du site : son numéro et quand le site l’a écrit',
  ],
  ['site', 'retired', 'booléen (true)', 'Installation remplacée par une réinscription sous le même code (absent sinon)'],
];

/**
 * The site directory's columns in sites.csv (French, as written there); the NDJSON directory lines carry
 * the same facts under their own keys (docs/sync-format.md).
 */
export const siteColumns: readonly (readonly [string, string, string])[] = [
  ['siteId', 'identifiant', 'Identifiant du site (le siteId des enregistrements)'],
  ['code', 'texte', 'Code du site'],
  ['nom', 'texte', 'Nom du site'],
  ['type', 'texte', 'Type de site (libellé ; code dans la liste site.kind)'],
  ['departement', 'texte', 'Département du site'],
  ['disp', 'texte', 'Direction interrégionale des services pénitentiaires'],
  ['cle', 'texte', 'Empreinte de la clé de signature du site'],
  ['derniereHorloge', 'horloge', 'Horloge la plus haute reçue du site (ce que couvre son accusé de réception)'],
  ['dernierLot', 'nombre entier', 'Numéro du dernier lot reçu du site'],
  ['dernierLotCree', 'date et heure', 'Date et heure où le site a écrit ce lot'],
  ['remplace', 'booléen (oui/non)', 'Installation remplacée par une réinscription sous le même code'],
];

/** Every code list a dictionary entry names, each code with its French label. */
export function codeLists(): CodeEntry[] {
  const rows: CodeEntry[] = [];
  const seen = new Set<string>();
  for (const entry of dataDictionary()) {
    if (!entry.codes || seen.has(entry.codes)) continue;
    seen.add(entry.codes);
    const labels = entry.entity === 'site' ? siteKindLabels : (codesOf(entry.entity as EntityName, entry.column) ?? {});
    const codes = entry.entity === 'site' ? siteKinds : Object.keys(labels);
    for (const code of codes) rows.push({ list: entry.codes, code, label: labels[code as keyof typeof labels] ?? '' });
  }
  return rows;
}

/** The two dictionary files, CSV like the export's own (UTF-8 with BOM, `;`). */
export function dictionaryFiles(): { name: string; text: string }[] {
  return [
    {
      name: DICTIONARY_FILE,
      text: toCsv(
        ['Fichier CSV', 'Entité (NDJSON)', 'Colonne', 'Type', 'Libellé', 'Liste de codes'].map((header) => ({ header })),
        dataDictionary().map((e) => [e.file, e.entity, e.column, e.type, e.label, e.codes ?? '']),
      ),
    },
    {
      name: CODES_FILE,
      text: toCsv(
        ['Liste', 'Code', 'Libellé'].map((header) => ({ header })),
        codeLists().map((c) => [c.list, c.code, c.label]),
      ),
    },
  ];
}

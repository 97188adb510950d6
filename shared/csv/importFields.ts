import { foldName } from '../format/text.ts';
import { agree, type Gender } from '../format/agreement.ts';
import { isRealDate } from '../format/fr.ts';
import { departements } from '../reference/geo.ts';
import type { EntityName } from '../schemas/entities.ts';
import { labelOf } from '../schemas/labels.ts';
import { organisationKindLabels, organisationKinds } from '../schemas/organisation.ts';
import { activityDomainLabels, activityDomains } from '../schemas/post.ts';
import type { CsvField } from './import.ts';

/*
 * What a CSV import reads, before any repository sees it: the importable columns of each kind (their French
 * labels and the other headers offices' files use) and the coercion of French spreadsheet cells (dates, oui/non,
 * decimal comma, SIRET with spaces...). Pure: shared/repos/imports.ts validates and writes the rows.
 */

export type ImportKind = 'organisations' | 'posts' | 'persons';

export type ImportFieldType =
  'text' | 'date' | 'boolean' | 'integer' | 'siret' | 'departement' | 'postalCode' | 'phone' | 'organisationKind' | 'activityDomain';

/**
 * An importable column, in the shape shared/csv/import.ts `mapHeaders` reads: its French label (the entity's
 * field label, so an exported list imports back), the other headers offices' files use (compared without
 * case, accents, punctuation or filler words), and how its cells are read.
 */
export interface ImportField extends CsvField {
  required: boolean;
  synonyms: readonly string[];
  type: ImportFieldType;
}

/** A column that is a field of the entity: labelled as everywhere else in the application. */
const own =
  (entity: EntityName) =>
  (field: string, type: ImportFieldType, synonyms: readonly string[], required = false): ImportField => ({
    field,
    label: labelOf(entity, field),
    synonyms,
    required,
    type,
  });
/** A column the import turns into something else (the habilitation, the post's organisation or tutor). */
const extra = (field: string, label: string, type: ImportFieldType, synonyms: readonly string[]): ImportField => ({
  field,
  label,
  synonyms,
  required: false,
  type,
});

const organisation = own('organisation');
const post = own('post');
const person = own('person');

export const importFields: Record<ImportKind, readonly ImportField[]> = {
  organisations: [
    organisation('name', 'text', ['nom', 'structure', 'structure d’accueil', 'raison sociale', 'dénomination', 'organisme', 'nom de l’organisme'], true),
    organisation('kind', 'organisationKind', ['type', 'statut juridique', 'forme juridique', 'catégorie', 'nature de la structure'], true),
    organisation('siret', 'siret', ['siret de la structure', 'siret établissement']),
    organisation('street', 'text', ['rue', 'voie', 'adresse postale', 'adresse de la structure']),
    organisation('postalCode', 'postalCode', ['cp', 'code post']),
    organisation('communeCode', 'text', ['code insee', 'insee', 'code commune insee']),
    organisation('communeName', 'text', ['ville', 'localité', 'commune de la structure'], true),
    organisation('departement', 'departement', ['dép', 'dept', 'code département'], true),
    organisation('contactName', 'text', ['nom du contact', 'interlocuteur', 'responsable', 'référent structure']),
    organisation('contactPhone', 'phone', ['téléphone', 'tél', 'tel', 'téléphone du contact']),
    organisation('contactEmail', 'text', ['courriel', 'email', 'e-mail', 'mail', 'adresse électronique', 'adresse mail']),
    organisation('notes', 'text', ['observations', 'commentaire', 'commentaires', 'remarques']),
    extra('habilitationDecisionDate', 'Date de la décision d’habilitation', 'date', ['date d’habilitation', 'décision d’habilitation', 'date de l’arrêté']),
    extra('habilitationValidFrom', 'Habilitée du', 'date', ['début d’habilitation', 'habilitation du', 'début de validité']),
    extra('habilitationValidUntil', 'Habilitée jusqu’au', 'date', [
      'fin d’habilitation',
      'habilitation jusqu’au',
      'fin de validité',
      'expiration de l’habilitation',
    ]),
  ],
  posts: [
    extra('organisationSiret', 'SIRET de la structure', 'siret', ['siret', 'siret structure']),
    extra('organisationName', 'Structure', 'text', ['structure d’accueil', 'nom de la structure', 'organisme', 'organisme d’accueil']),
    post('title', 'text', ['poste', 'intitulé', 'libellé', 'libellé du poste', 'mission', 'activité'], true),
    post('domain', 'activityDomain', ['domaine', 'secteur', 'secteur d’activité', 'type de poste'], true),
    post('communeName', 'text', ['ville', 'lieu', 'commune du poste', 'lieu d’exécution']),
    post('communeCode', 'text', ['code insee', 'insee', 'code commune insee']),
    post('departement', 'departement', ['dép', 'dept', 'code département']),
    post('schedule', 'text', ['planning', 'jours et horaires', 'jours', 'amplitude horaire']),
    post('capacity', 'integer', ['nombre de places', 'capacité', 'places', 'nb places', 'nombre de tigistes', 'effectif accueilli']),
    post('openToMinors', 'boolean', ['mineurs', 'accueil des mineurs', 'mineurs acceptés', 'accessible aux mineurs']),
    post('accessiblePmr', 'boolean', ['accessible pmr', 'pmr', 'accessibilité']),
    post('active', 'boolean', ['disponible', 'poste actif', 'ouvert']),
    post('description', 'text', ['descriptif', 'tâches', 'description du poste', 'missions']),
    extra('tutorLastName', 'Nom du tuteur', 'text', ['tuteur', 'nom tuteur', 'tuteur nom']),
    extra('tutorFirstName', 'Prénom du tuteur', 'text', ['prénom tuteur', 'tuteur prénom']),
    extra('tutorPhone', 'Téléphone du tuteur', 'phone', ['tél tuteur', 'téléphone tuteur']),
    extra('tutorEmail', 'Courriel du tuteur', 'text', ['email tuteur', 'mail tuteur']),
  ],
  persons: [
    person('lastName', 'text', ['nom de famille', 'nom d’usage', 'nom usuel', 'nom patronymique'], true),
    person('firstName', 'text', ['prénoms', 'premier prénom'], true),
    person('birthDate', 'date', ['naissance', 'né le', 'né(e) le', 'ddn', 'date naissance'], true),
    person('caseNumber', 'text', ['dossier', 'n° dossier', 'numéro appi', 'n° appi', 'référence dossier'], true),
    person('communeName', 'text', ['ville', 'commune de résidence', 'domicile']),
    person('communeCode', 'text', ['code insee', 'insee', 'code commune insee']),
    person('departement', 'departement', ['dép', 'dept', 'code département']),
    person('phone', 'phone', ['tél', 'tel', 'portable', 'téléphone portable']),
    person('counsellor', 'text', ['cpip', 'conseiller', 'cpip référent', 'référent', 'conseiller pénitentiaire']),
  ],
};

/** Cells keyed by field key, as the parser gives them. */
export type ImportRow = Readonly<Record<string, string | undefined>>;

// ---- Coercion of French spreadsheet cells -------------------------------------------------------------

export type Coerced = { value: unknown } | { error: string };

/** `31/12/2026`, `31-12-2026`, `31.12.2026`, with or without leading zeros or a time, or `2026-12-31`. */
export function coerceDate(cell: string): Coerced {
  const text = cell.trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : text;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isRealDate(iso) ? { value: iso } : { error: `« ${cell} » n’est pas une date (jj/mm/aaaa)` };
}

const YES = new Set(['oui', 'o', 'x', 'vrai', '1', 'yes', 'y', 'true']);
const NO = new Set(['non', 'n', 'faux', '0', 'no', 'false']);

export function coerceBoolean(cell: string): Coerced {
  const text = foldName(cell);
  if (YES.has(text)) return { value: true };
  if (NO.has(text)) return { value: false };
  return { error: `« ${cell} » : répondez oui ou non` };
}

/** French numbers: decimal comma, spaces (plain or narrow no-break) between thousands. */
export function coerceNumber(cell: string): Coerced {
  const text = cell.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const value = Number(text);
  return text !== '' && /^-?\d*\.?\d+$/.test(text) && Number.isFinite(value) ? { value } : { error: `« ${cell} » n’est pas un nombre` };
}

function coerceInteger(cell: string): Coerced {
  const n = coerceNumber(cell);
  return 'value' in n && !Number.isInteger(n.value) ? { error: `« ${cell} » : nombre entier attendu` } : n;
}

const departementsByName = new Map(departements.map((d) => [foldName(d.nom), d.code]));

/**
 * A code (`54`, and `1` for 01 since spreadsheets drop leading zeros), a name (`Meurthe-et-Moselle`) or both
 * (`54 – Meurthe-et-Moselle`). The schema then checks the code against the official list.
 */
export function coerceDepartement(cell: string): Coerced {
  const text = cell.trim();
  const byName = departementsByName.get(foldName(text));
  if (byName) return { value: byName };
  const code = (/^(\d[\dAB]?\d?)(?:\s*[-–—]\s*.*)?$/i.exec(text)?.[1] ?? text).toUpperCase();
  return { value: /^\d$/.test(code) ? `0${code}` : code };
}

function choose(
  cell: string,
  codes: readonly string[],
  labels: Record<string, string>,
  synonyms: Record<string, string>,
  what: { label: string; gender: Gender },
): Coerced {
  const text = foldName(cell);
  const code = codes.find((c) => foldName(c) === text || foldName(labels[c]!) === text) ?? synonyms[text];
  return code ? { value: code } : { error: `« ${cell} » : ${what.label} ${agree('inconnu', what.gender)} (${codes.map((c) => labels[c]).join(', ')})` };
}

const kindSynonyms: Record<string, string> = {
  public: 'organisme_public',
  'organisme public': 'organisme_public',
  'etablissement public': 'organisme_public',
  administration: 'organisme_public',
  'personne morale de droit public': 'organisme_public',
  prive: 'prive_mission_service_public',
  'prive mission de service public': 'prive_mission_service_public',
  'mission de service public': 'prive_mission_service_public',
  entreprise: 'prive_mission_service_public',
  collectivite: 'collectivite_territoriale',
  commune: 'collectivite_territoriale',
  mairie: 'collectivite_territoriale',
  asso: 'association',
};

const domainSynonyms: Record<string, string> = {
  'espaces verts': 'espaces_verts',
  jardinage: 'espaces_verts',
  entretien: 'entretien_nettoyage',
  nettoyage: 'entretien_nettoyage',
  cuisine: 'restauration',
  manutention: 'logistique',
  social: 'aide_personne',
  patrimoine: 'patrimoine_culture',
  culture: 'patrimoine_culture',
  environnement: 'environnement_recyclage',
  recyclage: 'environnement_recyclage',
  secretariat: 'administratif',
  travaux: 'batiment',
  'second oeuvre': 'batiment',
};

const coercers: Record<ImportFieldType, (cell: string) => Coerced> = {
  text: (cell) => ({ value: cell.trim() }),
  date: coerceDate,
  boolean: coerceBoolean,
  integer: coerceInteger,
  siret: (cell) => ({ value: cell.replace(/[\s.\u00a0\u202f]/g, '') }),
  departement: coerceDepartement,
  postalCode: (cell) => ({ value: /^\d{4}$/.test(cell.trim()) ? `0${cell.trim()}` : cell.trim() }),
  phone: (cell) => ({ value: /^[1-9]\d{8}$/.test(cell.trim()) ? `0${cell.trim()}` : cell.trim() }),
  organisationKind: (cell) => choose(cell, organisationKinds, organisationKindLabels, kindSynonyms, { label: 'type de structure', gender: 'm' }),
  activityDomain: (cell) => choose(cell, activityDomains, activityDomainLabels, domainSynonyms, { label: 'domaine d’activité', gender: 'm' }),
};

export interface CoercedRow {
  values: Record<string, unknown>;
  reasons: string[];
}

/** Every cell of a row through its field's coercer; empty cells are absent, missing required ones refused. */
export function coerceRow(kind: ImportKind, row: ImportRow): CoercedRow {
  const values: Record<string, unknown> = {};
  const reasons: string[] = [];
  for (const f of importFields[kind]) {
    const cell = row[f.field];
    if (cell === undefined || cell.trim() === '') {
      if (f.required) reasons.push(`${f.label} : champ obligatoire`);
      continue;
    }
    const result = coercers[f.type](cell);
    if ('error' in result) reasons.push(`${f.label} : ${result.error}`);
    else values[f.field] = result.value;
  }
  return { values, reasons };
}

import type { RepoContext } from './context.ts';
import { RepoError, issuesFromZod } from '../errors.ts';
import { isLive } from '../util.ts';
import { createHabilitationIn } from './habilitations.ts';
import { createOrganisationIn } from './organisations.ts';
import { createPersonIn } from './persons.ts';
import { foldName } from '../format/text.ts';
import { createPostIn } from './posts.ts';
import { createTutorIn } from './tutors.ts';
import { writeTransaction, type Writer } from './writer.ts';
import type { CsvField } from '../csv/import.ts';
import { departements } from '../reference/geo.ts';
import { entities, type EntityFields, type EntityName } from '../schemas/entities.ts';
import { labelOf } from '../schemas/labels.ts';
import { isRealDate } from '../format/fr.ts';
import { isHabilitationRequired } from '../rules/habilitation.ts';
import { organisationKindLabels, organisationKinds, type Organisation } from '../schemas/organisation.ts';
import { activityDomainLabels, activityDomains } from '../schemas/post.ts';
import { agree, type Gender } from '../format/agreement.ts';

/*
 * CSV import, repository side. shared/csv/import.ts reads the file and maps its headers to the fields below
 * (`mapHeaders(parsed.headers, importFields.posts)`, then `readFields` per row): rows of string cells keyed
 * by field arrive here. Each row is coerced (French dates, oui/non, decimal comma,
 * SIRET with spaces...), validated with the entity's schema and checked against what exists. The preview
 * writes nothing; the commit writes every accepted row in one transaction.
 *
 * A row is `refused` when a cell cannot be read, the schema rejects it, it repeats a record already there
 * (same SIRET, same case number, earlier in the file or in the database) or names an unknown organisation:
 * the commit skips it and reports it. A row is `blocking` when a repository rule refuses it (a birth date in
 * the future, a habilitation for a public body...): the commit then stops at its line and writes nothing.
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

type Coerced = { value: unknown } | { error: string };

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

interface CoercedRow {
  values: Record<string, unknown>;
  reasons: string[];
}

/** Every cell of a row through its field's coercer; empty cells are absent, missing required ones refused. */
function coerceRow(kind: ImportKind, row: ImportRow): CoercedRow {
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

// ---- Per-entity preparation and writing ---------------------------------------------------------------

/** A row read and checked: why it is refused, or how to write it. */
interface Prepared {
  reasons: string[];
  write?: (w: Writer) => Promise<void>;
}

/** One per import run, so it remembers the rows before (duplicates in the file) and what it looked up. */
interface Importer {
  label(values: Record<string, unknown>): string;
  /** Check the row against the database and the rows before it; writes nothing. */
  prepare(w: Writer, values: Record<string, unknown>): Promise<Prepared>;
}

/** The entity's schema on the row: its French messages, each prefixed with the column's label. */
function validate<E extends 'organisation' | 'post' | 'person' | 'habilitation'>(
  entity: E,
  input: unknown,
  labels: Record<string, string>,
): { reasons: string[]; data?: EntityFields<E> } {
  const result = entities[entity].fields.safeParse(input);
  if (result.success) return { reasons: [], data: result.data as EntityFields<E> };
  const reasons = issuesFromZod(result.error).map((i) => {
    const label = labels[i.path.split('.')[0]!];
    return label && !i.message.startsWith(label) ? `${label} : ${i.message}` : i.message;
  });
  return { reasons };
}

const labelsOf = (kind: ImportKind) => Object.fromEntries(importFields[kind].map((f) => [f.field, f.label]));

function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function organisationImporter(): Importer {
  const seen = new Set<string>();
  const labels = {
    ...labelsOf('organisations'),
    decisionDate: 'Date de la décision d’habilitation',
    validFrom: 'Habilitée du',
    validUntil: 'Habilitée jusqu’au',
  };
  return {
    label: (values) => text(values.name) ?? '',
    async prepare(w, values) {
      const { reasons, data: organisation } = validate(
        'organisation',
        pick(values, [
          'name',
          'kind',
          'siret',
          'street',
          'postalCode',
          'communeCode',
          'communeName',
          'departement',
          'contactName',
          'contactPhone',
          'contactEmail',
          'notes',
        ]),
        labels,
      );
      const from = text(values.habilitationValidFrom) ?? text(values.habilitationDecisionDate);
      const until = text(values.habilitationValidUntil);
      // A public body needs no habilitation: its dates are left out, and the report says so.
      const needsOne = organisation === undefined || isHabilitationRequired(organisation.kind);
      const notes =
        organisation && !needsOne && (from || until)
          ? [
              `Habilitation non reprise : « ${organisationKindLabels[organisation.kind]} » est une personne morale de droit public, qui accueille des TIG sans habilitation`,
            ]
          : [];
      const habilitation =
        from && needsOne
          ? { decisionDate: text(values.habilitationDecisionDate) ?? from, validFrom: from, ...(until ? { validUntil: until } : {}) }
          : undefined;
      if (!from && until && needsOne) reasons.push('Habilitée jusqu’au : indiquez aussi le début de l’habilitation');
      if (habilitation) reasons.push(...validate('habilitation', { ...habilitation, organisationId: '00000000-0000-7000-8000-000000000000' }, labels).reasons);
      const siret = organisation?.siret;
      if (siret && reasons.length === 0) {
        const existing = seen.has(siret) ? undefined : (await w.table('organisation').where('siret').equals(siret).toArray()).find(isLive);
        if (seen.has(siret)) reasons.push(`SIRET ${siret} : déjà présent plus haut dans le fichier`);
        else if (existing) reasons.push(`SIRET ${siret} : déjà enregistré pour « ${existing.name} »`);
        seen.add(siret);
      }
      if (!organisation || reasons.length > 0) return { reasons };
      return {
        reasons: notes,
        write: async (tx) => {
          const created = await createOrganisationIn(tx, organisation);
          if (habilitation) await createHabilitationIn(tx, { ...habilitation, organisationId: created.id });
        },
      };
    },
  };
}

/**
 * Posts name their organisation by SIRET when the SIRET cell is filled, otherwise by name (case, accents
 * and punctuation ignored), which must then match exactly one organisation. The commune and département
 * default to the organisation's; a tutor named on the row is found among the organisation's tutors (same
 * name) or created.
 */
function postImporter(): Importer {
  let organisations: Organisation[] | undefined;
  return {
    label: (values) => text(values.title) ?? '',
    async prepare(w, values) {
      const reasons: string[] = [];
      const siret = text(values.organisationSiret);
      const name = text(values.organisationName);
      let matches: Organisation[] = [];
      if (siret) matches = (await w.table('organisation').where('siret').equals(siret).toArray()).filter(isLive);
      else if (name) {
        organisations ??= (await w.table('organisation').toArray()).filter(isLive);
        matches = organisations.filter((o) => foldName(o.name) === foldName(name));
      }
      if (!siret && !name) reasons.push('Structure : indiquez le SIRET ou le nom de la structure');
      else if (matches.length === 0)
        reasons.push(siret ? `Aucune structure enregistrée avec le SIRET ${siret}` : `Aucune structure enregistrée au nom de « ${name} »`);
      else if (matches.length > 1) reasons.push(`Plusieurs structures s’appellent « ${name} » : indiquez leur SIRET`);
      const organisation = matches.length === 1 ? matches[0] : undefined;
      const draft = {
        tutorIds: [],
        capacity: 1,
        openToMinors: false,
        accessiblePmr: false,
        active: true,
        ...(organisation ? { organisationId: organisation.id, communeName: organisation.communeName, departement: organisation.departement } : {}),
        ...(organisation?.communeCode && !values.communeName ? { communeCode: organisation.communeCode } : {}),
        ...pick(values, [
          'title',
          'domain',
          'communeName',
          'communeCode',
          'departement',
          'schedule',
          'capacity',
          'openToMinors',
          'accessiblePmr',
          'active',
          'description',
        ]),
      };
      const { reasons: invalid, data: post } = organisation ? validate('post', draft, labelsOf('posts')) : { reasons: [] };
      reasons.push(...invalid);
      const lastName = text(values.tutorLastName);
      const firstName = text(values.tutorFirstName);
      const phone = text(values.tutorPhone);
      const email = text(values.tutorEmail);
      if (!lastName && (firstName || phone || email)) reasons.push('Nom du tuteur : champ obligatoire quand le tuteur est renseigné');
      if (lastName && !firstName) reasons.push('Prénom du tuteur : champ obligatoire quand le tuteur est renseigné');
      if (!post || reasons.length > 0) return { reasons };
      return {
        reasons,
        write: async (tx) => {
          const tutorIds: string[] = [];
          if (lastName && firstName) {
            const known = (await tx.table('tutor').where('organisationId').equals(post.organisationId).toArray()).find(
              (t) => isLive(t) && foldName(t.lastName) === foldName(lastName) && foldName(t.firstName) === foldName(firstName),
            );
            const tutor =
              known ??
              (await createTutorIn(tx, {
                organisationId: post.organisationId,
                lastName,
                firstName,
                trained: false,
                ...(phone ? { phone } : {}),
                ...(email ? { email } : {}),
              }));
            tutorIds.push(tutor.id);
          }
          await createPostIn(tx, { ...post, tutorIds });
        },
      };
    },
  };
}

function personImporter(): Importer {
  const seen = new Set<string>();
  return {
    label: (values) => [text(values.lastName), text(values.firstName)].filter(Boolean).join(' '),
    async prepare(w, values) {
      const { reasons, data: person } = validate(
        'person',
        pick(values, ['lastName', 'firstName', 'birthDate', 'caseNumber', 'communeName', 'communeCode', 'departement', 'phone', 'counsellor']),
        labelsOf('persons'),
      );
      if (person) {
        const caseNumber = person.caseNumber;
        const existing = seen.has(caseNumber) ? undefined : (await w.table('person').where('caseNumber').equals(caseNumber).toArray()).find(isLive);
        if (seen.has(caseNumber)) reasons.push(`Numéro de dossier ${caseNumber} : déjà présent plus haut dans le fichier`);
        else if (existing) reasons.push(`Numéro de dossier ${caseNumber} : déjà enregistré pour ${existing.lastName.toUpperCase()} ${existing.firstName}`);
        seen.add(caseNumber);
      }
      if (!person || reasons.length > 0) return { reasons };
      return {
        reasons,
        write: async (tx) => {
          await createPersonIn(tx, person);
        },
      };
    },
  };
}

const importers: Record<ImportKind, () => Importer> = { organisations: organisationImporter, posts: postImporter, persons: personImporter };

// ---- Preview and commit -------------------------------------------------------------------------------

export interface ImportLine {
  /** Line in the file (the header is line 1 unless told otherwise). */
  line: number;
  /** A few words naming the row: the organisation, the post, the person. */
  label: string;
  status: 'ok' | 'refused' | 'blocking';
  /** Why the row is refused; for an imported row, what was left out of it. */
  reasons: string[];
}

export interface ImportPreview {
  lines: ImportLine[];
  ok: number;
  refused: number;
  blocking: number;
}

export interface ImportResult {
  written: number;
  /** Rows not imported, with why: nothing is dropped silently. */
  refused: ImportLine[];
}

export interface ImportOptions {
  /** The file's line of each row (`CsvRow.line`), for the messages; otherwise rows are numbered from 2. */
  lines?: readonly number[];
  /** Called after each row with the rows read so far and the total, for a progress bar on long files. */
  onProgress?: (done: number, total: number) => void;
}

async function run(
  w: Writer,
  kind: ImportKind,
  rows: readonly ImportRow[],
  options: ImportOptions,
  onBlocking: (line: ImportLine, error: RepoError) => void,
): Promise<ImportLine[]> {
  const importer = importers[kind]();
  const lines: ImportLine[] = [];
  for (const [i, row] of rows.entries()) {
    options.onProgress?.(i, rows.length);
    const line = options.lines?.[i] ?? i + 2;
    if (Object.values(row).every((cell) => cell === undefined || cell.trim() === '')) {
      lines.push({ line, label: '', status: 'refused', reasons: ['Ligne vide'] });
      continue;
    }
    const { values, reasons } = coerceRow(kind, row);
    const label = importer.label(values);
    const prepared = reasons.length > 0 ? { reasons } : await importer.prepare(w, values);
    if (!prepared.write) {
      lines.push({ line, label, status: 'refused', reasons: prepared.reasons });
      continue;
    }
    try {
      await prepared.write(w);
      lines.push({ line, label, status: 'ok', reasons: prepared.reasons });
    } catch (error) {
      if (!(error instanceof RepoError)) throw error;
      const blocking: ImportLine = { line, label, status: 'blocking', reasons: [error.message] };
      lines.push(blocking);
      onBlocking(blocking, error);
    }
  }
  options.onProgress?.(rows.length, rows.length);
  return lines;
}

class PreviewDone extends Error {
  readonly lines: ImportLine[];
  constructor(lines: ImportLine[]) {
    super('preview');
    this.lines = lines;
  }
}

/**
 * What the commit would do, row by row, without writing: it runs the import in a transaction that is then
 * rolled back, so later rows see the earlier ones exactly as they would.
 */
export async function previewImport(ctx: RepoContext, kind: ImportKind, rows: readonly ImportRow[], options: ImportOptions = {}): Promise<ImportPreview> {
  const lines = await writeTransaction(ctx, async (w) => {
    throw new PreviewDone(await run(w, kind, rows, options, () => undefined));
  }).catch((error: unknown) => {
    if (error instanceof PreviewDone) return error.lines;
    throw error;
  });
  return {
    lines,
    ok: lines.filter((l) => l.status === 'ok').length,
    refused: lines.filter((l) => l.status === 'refused').length,
    blocking: lines.filter((l) => l.status === 'blocking').length,
  };
}

/** Write every accepted row in one transaction; refused rows are reported, a blocking row stops it all. */
export async function commitImport(ctx: RepoContext, kind: ImportKind, rows: readonly ImportRow[], options: ImportOptions = {}): Promise<ImportResult> {
  const lines = await writeTransaction(ctx, (w) =>
    run(w, kind, rows, options, (line, error) => {
      throw new RepoError(
        `Ligne ${line.line}${line.label ? ` (${line.label})` : ''} : ${error.message.replace(/\.?$/, '.')} Rien n’a été importé.`,
        error.issues.map((issue) => ({ ...issue, path: `${line.line}${issue.path ? `.${issue.path}` : ''}` })),
      );
    }),
  );
  return { written: lines.filter((l) => l.status === 'ok').length, refused: lines.filter((l) => l.status !== 'ok') };
}

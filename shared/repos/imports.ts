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
import { coerceRow, importFields, type ImportKind, type ImportRow } from '../csv/importFields.ts';
import { isHabilitationRequired } from '../rules/habilitation.ts';
import { entities, type EntityFields } from '../schemas/entities.ts';
import { organisationKindLabels, type Organisation } from '../schemas/organisation.ts';

/*
 * CSV import, repository side. shared/csv/import.ts reads the file and maps its headers to the fields of
 * shared/csv/importFields.ts (`mapHeaders(parsed.headers, importFields.posts)`, then `readFields` per row): rows
 * of string cells keyed by field arrive here. Each row is coerced there (French dates, oui/non, decimal comma,
 * SIRET with spaces...), then validated here with the entity's schema and checked against what exists. The preview
 * writes nothing; the commit writes every accepted row in one transaction.
 *
 * A row is `refused` when a cell cannot be read, the schema rejects it, it repeats a record already there
 * (same SIRET, same case number, earlier in the file or in the database) or names an unknown organisation:
 * the commit skips it and reports it. A row is `blocking` when a repository rule refuses it (a birth date in
 * the future, a habilitation for a public body...): the commit then stops at its line and writes nothing.
 */

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

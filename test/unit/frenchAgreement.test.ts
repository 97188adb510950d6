import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every message that builds a plural or a feminine goes through shared/format/agreement.ts: this test reads
 * all the application's code (tests aside) and refuses the hand-made forms that gave « 1 h restantes » or
 * « Convention locale enregistré(e) »: `présence(s)`, `n > 1 ? 's' : ''`, a count followed by a plural
 * participle. What qualifies a person keeps the inclusive form, as Passerelle records no gender: those
 * places are listed below with why, and the list may not go stale.
 */
const root = join(import.meta.dirname, '..', '..');
const folders = ['shared', 'renderer', 'electron', 'bench'];

/** A call such as `isLive(e) &&`, `submit(e)}` or `new Set(s).size` is code: its word is an identifier and code follows. */
const isCall = (m: RegExpMatchArray) => /^[A-Za-z]+$/.test(m[1] ?? '') && /^(?:[)}\];,?&|=.]|\s*(?:=>|&&|\|\||\?))/.test(m[2] ?? '');

const patterns: { name: string; regex: RegExp; keep?: (m: RegExpMatchArray) => boolean }[] = [
  { name: 'a word with (e), (s) or (es)', regex: /(?<![\w.$])([a-zàâçéèêëîïôûùüÿœ]+)\((?:e|s|es)\)(.{0,3})/gi, keep: (m) => !isCall(m) },
  // A remainder (`index % 3 === 2`) is no count.
  { name: 'a text chosen by comparing a count with 1 or 2', regex: /(?<!%\s*\d+\s*)(?:[<>]=?|[!=]==)\s*-?[12]\s*\?\s*['"`]/g },
  { name: 'an s added by hand', regex: /\?\s*'s'\s*:\s*''|\?\s*''\s*:\s*'s'/g },
  {
    name: 'a count followed by a plural participle or adjective',
    regex: /(?:formatHours|formatNumber|formatDays)\([^)]*\)\}?\s+(?:h\s+)?[a-zéèêàç]+(?:ées|és|ntes|nts|ies)\b/g,
  },
];

/** file → the exact matched text allowed there, and why. */
const allowed: { file: string; text: string; why: string }[] = [
  { file: 'shared/csv/importFields.ts', text: 'né(e)', why: 'a column title of the user’s own spreadsheets, matched as written' },
  { file: 'shared/schemas/labels.ts', text: 'Formé(e)', why: 'a tutor, a person: « Formé(e) » and « Formé(e) le »' },
  { file: 'renderer/features/hosts/OrganisationTables.tsx', text: 'Formé(e)', why: 'a tutor, a person' },
  { file: 'renderer/features/hosts/OrganisationTables.tsx', text: 'formé(e)', why: 'a tutor, a person (« Non formé(e) »)' },
  { file: 'renderer/features/workshops/AttendanceSheet.tsx', text: '> 1 ? `', why: 'the part number, shown only when the sheet has several parts' },
  { file: 'renderer/features/documents/Attestation.tsx', text: 'soussigné(e)', why: 'the counsellor who signs' },
  { file: 'renderer/features/documents/Attestation.tsx', text: 'né(e)', why: 'the person' },
  { file: 'renderer/features/documents/Attestation.tsx', text: 'intéressé(e)', why: 'the person' },
  { file: 'renderer/features/documents/InterimAttestation.tsx', text: 'intéressé(e)', why: 'the person' },
  { file: 'renderer/features/documents/Timesheet.tsx', text: 'né(e)', why: 'the person' },
  { file: 'renderer/features/documents/EndOfMeasureReport.tsx', text: 'né(e)', why: 'the person' },
  { file: 'renderer/features/workshops/ParticipationCertificate.tsx', text: 'né(e)', why: 'the participant' },
  { file: 'renderer/features/workshops/ParticipationCertificate.tsx', text: 'intéressé(e)', why: 'the participant' },
  { file: 'renderer/features/workshops/AttendanceSheet.tsx', text: 'Absent(e)', why: 'a participant' },
  { file: 'renderer/features/office/OfficePage.tsx', text: 'supprimé(e)', why: 'the duplicate person a merge deletes' },
  {
    file: 'shared/rules/hourLimits.ts',
    text: 'formatDays(ordered.amount)} ordonnés',
    why: 'the plural branch of noun(), taken for two days and more',
  },
];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    const code = /\.tsx?$/.test(entry.name) && !/\.(test|e2e)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts');
    // The helper itself says what it replaces.
    return code && path !== join('shared', 'format', 'agreement.ts') ? [path] : [];
  });
}

function findings(): { file: string; text: string; pattern: string }[] {
  return folders.flatMap(sources).flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return patterns.flatMap((p) =>
      [...text.matchAll(p.regex)].filter((m) => p.keep?.(m) ?? true).map((m) => ({ file: relative(root, join(root, file)), text: m[0], pattern: p.name })),
    );
  });
}

const isAllowed = (f: { file: string; text: string }) => allowed.some((a) => a.file === f.file && f.text.includes(a.text));

describe('French agreement in every message', () => {
  const found = findings();

  it('builds no plural or feminine by hand: shared/format/agreement.ts does', () => {
    expect(found.filter((f) => !isAllowed(f))).toEqual([]);
  });

  it('sees the hand-made forms it refuses (checked on a sample)', () => {
    const sample = "`${n} présence(s) saisie(s)`; `${n} jour${n > 1 ? 's' : ''}`; `${formatHours(left)} restantes`; isLive(e) && x";
    const seen = patterns.filter((p) => [...sample.matchAll(p.regex)].some((m) => p.keep?.(m) ?? true)).map((p) => p.name);
    expect(seen).toEqual(patterns.map((p) => p.name));
  });

  it('keeps no stale exception', () => {
    expect(allowed.filter((a) => !found.some((f) => f.file === a.file && f.text.includes(a.text)))).toEqual([]);
  });
});

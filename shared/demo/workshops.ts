import { ofPlace } from '../format/agreement.ts';
import { Faker, base, fr } from '@faker-js/faker';
import { chefLieuOf } from '../reference/chefsLieux.ts';
import { dispOfDepartement } from '../reference/disp.ts';
import { departementByCode } from '../reference/geo.ts';
import { installNationalReferenceIn, nationalPartners } from '../repos/nationalPartners.ts';
import { createAgreementIn } from '../repos/agreements.ts';
import { recordAttendanceIn } from '../repos/attendance.ts';
import type { RepoContext } from '../repos/context.ts';
import { enrolIn, updateEnrolmentIn } from '../repos/enrolments.ts';
import { saveEstablishmentProfileIn } from '../repos/establishmentProfiles.ts';
import { today as todayOf } from '../util.ts';
import { doneOnMeasure } from '../repos/hourTotals.ts';
import { updateOrganisationIn } from '../repos/organisations.ts';
import { isHeadquarters } from '../repos/ownership.ts';
import { createPartnerIn } from '../repos/partners.ts';
import { createPersonIn } from '../repos/persons.ts';
import { createProgrammeIn } from '../repos/programmes.ts';
import { createSessionIn } from '../repos/sessions.ts';
import { saveWorkshopFiguresIn } from '../repos/workshopFigures.ts';
import { writeTransaction, type Writer } from '../repos/writer.ts';
import { hourLogErrors } from '../rules/hourLimits.ts';
import { openMeasureStatuses, tigMeasureKinds, weekdaysBetween } from '../rules/sessions.ts';
import type { Partner } from '../schemas/partner.ts';
import type { Person } from '../schemas/person.ts';
import type { Programme, ProgrammeInput } from '../schemas/programme.ts';
import { optionalThemes, requiredTigThemes, type SessionTheme } from '../schemas/session.ts';
import type { DemoProgress } from './demoData.ts';

/*
 * Demonstration data for workshops, training and partnerships, loaded after the TIG demonstration data and
 * through the same repositories: partners and conventions (at headquarters, the national reference list),
 * programmes of every kind with past and coming sessions, persons of the site enrolled (in TIG pédagogique,
 * persons with an open TIG measure, whose attended hours land on it), attendance, production figures per
 * month, and the profile of an établissement. Dates follow the context clock; the same seed on the same day
 * gives the same content.
 */

export interface WorkshopsDemoOptions {
  seed?: number;
  onProgress?: (progress: DemoProgress) => void;
}

export interface WorkshopsDemoSummary {
  partners: number;
  agreements: number;
  programmes: number;
  sessions: number;
  enrolments: number;
  attendance: number;
  workshopFigures: number;
  establishmentProfile: boolean;
}

const DAY = 86_400_000;

function shiftDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function shiftMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The Monday on or after a date. */
function monday(iso: string): string {
  const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return shiftDays(iso, (8 - weekday) % 7);
}

interface DemoPartners {
  ecti: Partner;
  entrepreneurship: Partner;
  town: Partner;
}

/** The national partners the site received from headquarters, or local ones of its own; two local conventions. */
async function partners(w: Writer, f: Faker, today: string, summary: WorkshopsDemoSummary): Promise<DemoPartners> {
  const live = await w
    .table('partner')
    .filter((p) => !p.deleted)
    .toArray();
  const national = (key: string) => {
    const name = nationalPartners.find((p) => p.key === key)!.name;
    return live.find((p) => p.scope === 'national' && p.name === name);
  };
  const local = async (name: string, kind: Partner['kind']) => {
    summary.partners += 1;
    return createPartnerIn(w, { name, kind, scope: 'local' });
  };
  const place = departementByCode(w.identity.departement)?.nom ?? w.identity.departement;
  const ecti = national('ecti') ?? (await local(`ECTI – délégation ${place}`, 'association'));
  const entrepreneurship = national('fondation-entreprendre') ?? (await local(`Fondation ${f.company.name()}`, 'fondation'));
  // Host organisations of the TIG follow-up become the local hosts of the town's convention: the town is theirs
  // (« Mairie de Toul » hosts under the convention of « Ville de Toul »), else the département's chef-lieu.
  const hosts = await w
    .table('organisation')
    .filter((o) => !o.deleted && o.siteId === w.identity.siteId && o.agreementId === undefined && o.kind === 'collectivite_territoriale')
    .limit(2)
    .toArray();
  const townName = hosts.find((h) => h.communeName)?.communeName ?? chefLieuOf[w.identity.departement] ?? place;
  const town = await local(`Ville ${ofPlace(townName)}`, 'collectivite');
  const signedOn = `${Number(today.slice(0, 4)) - 1}-02-01`;
  const convention = {
    kind: 'convention_locale' as const,
    signedOn,
    validFrom: signedOn,
    commitments: 'Accueil de personnes en TIG et participation aux modules d’insertion.',
  };
  await createAgreementIn(w, { ...convention, partnerId: ecti.id, scope: ['tig'] });
  const townAgreement = await createAgreementIn(w, { ...convention, partnerId: town.id, scope: ['tig', 'tnr'] });
  summary.agreements += 2;
  for (const host of hosts) await updateOrganisationIn(w, host.id, { agreementId: townAgreement.id });
  return { ecti, entrepreneurship, town };
}

/** Persons to enrol: those the site already follows, or a few detainees when it has none yet. */
async function participants(w: Writer, f: Faker): Promise<Person[]> {
  const persons = await w
    .table('person')
    .filter((p) => !p.deleted && p.siteId === w.identity.siteId)
    .toArray();
  if (persons.length > 0) return persons;
  const created: Person[] = [];
  for (let i = 0; i < 15; i++) {
    created.push(
      await createPersonIn(w, {
        lastName: f.person.lastName(),
        firstName: f.person.firstName('male'),
        birthDate: f.date.birthdate({ mode: 'age', min: 19, max: 55 }).toISOString().slice(0, 10),
        caseNumber: `ÉCROU-${f.string.numeric(6)}-${i}`,
        departement: w.identity.departement,
      }),
    );
  }
  return created;
}

/** Open TIG measures of the persons, one per person: the TIG pédagogique candidates for a session. */
async function tigCandidates(w: Writer, persons: readonly Person[], firstDay: string): Promise<{ personId: string; measureId: string }[]> {
  const ids = new Set(persons.map((p) => p.id));
  const measures = await w
    .table('measure')
    .filter((m) => !m.deleted && ids.has(m.personId) && tigMeasureKinds.includes(m.kind) && openMeasureStatuses.includes(m.status) && m.periodStart <= firstDay)
    .toArray();
  const byPerson = new Map<string, string>();
  for (const m of measures) if (!byPerson.has(m.personId)) byPerson.set(m.personId, m.id);
  return [...byPerson].map(([personId, measureId]) => ({ personId, measureId }));
}

function plans(f: Faker, p: DemoPartners): ProgrammeInput[] {
  return [
    {
      kind: 'tig_pedagogique',
      title: 'TIG pédagogique – insertion professionnelle',
      partnerId: p.ecti.id,
      domain: 'insertion_emploi',
      milieu: 'ouvert',
      places: 8,
    },
    { kind: 'module_insertion', title: 'Module « Savoir-être et emploi »', partnerId: p.ecti.id, domain: 'insertion_emploi', milieu: 'ferme', places: 10 },
    { kind: 'entrepreneuriat', title: 'Entreprendre sa liberté', partnerId: p.entrepreneurship.id, domain: 'creation_entreprise', milieu: 'ferme', places: 8 },
    {
      kind: 'formation_professionnelle',
      title: `Formation ${f.helpers.arrayElement(['agent de propreté', 'cuisine collective', 'logistique et cariste'])}`,
      domain: f.helpers.arrayElement(['entretien_proprete', 'cuisine_restauration', 'conditionnement_logistique'] as const),
      milieu: 'ferme',
      places: 10,
    },
    { kind: 'apprentissage', title: 'Apprentissage en menuiserie', domain: 'menuiserie', milieu: 'ferme', places: 6 },
    { kind: 'autre', title: 'Atelier citoyenneté', partnerId: p.town.id, domain: 'autre', milieu: 'ouvert', places: 12 },
    { kind: 'atelier_production', title: 'Atelier de métallerie', domain: 'metallerie', milieu: 'ferme', places: 14 },
    { kind: 'atelier_production', title: 'Atelier de recyclage informatique', domain: 'recyclage_informatique', milieu: 'ferme', places: 10 },
  ];
}

/**
 * Whether a TIG pédagogique day can count on the measure, by the rules of the TIG follow-up: a day it cannot
 * take (measure ended or suspended, 12 hours reached, hours or days ordered all done) is recorded as an absence.
 */
async function countsOnMeasure(w: Writer, measureId: string, personId: string, date: string, hours: number, today: string): Promise<boolean> {
  const measure = await w.get('measure', measureId);
  if (!measure || !openMeasureStatuses.includes(measure.status)) return false;
  const sameDay = await w.table('hourLog').where('[personId+date]').equals([personId, date]).toArray();
  const errors = hourLogErrors({
    date,
    hours,
    today,
    measure,
    personHoursThatDay: sameDay.filter((l) => !l.deleted).reduce((sum, l) => sum + l.hours, 0),
    measureDone: await doneOnMeasure(w, measureId),
  });
  return errors.length === 0;
}

/** Attendance of a past session: most days present, now and then an hour less, one participant in ten leaving. */
async function attend(
  w: Writer,
  f: Faker,
  programme: Programme,
  days: readonly string[],
  hoursPerDay: number,
  enrolments: readonly { id: string; personId: string; measureId?: string | undefined }[],
  today: string,
  summary: WorkshopsDemoSummary,
): Promise<void> {
  for (const enrolment of enrolments) {
    const leavesAfter = f.number.int({ min: 0, max: 9 }) === 0 ? f.number.int({ min: 1, max: days.length - 1 }) : days.length;
    for (const [i, date] of days.entries()) {
      let present = i < leavesAfter && f.number.int({ min: 0, max: 9 }) > 0;
      const hours = f.number.int({ min: 0, max: 5 }) === 0 ? hoursPerDay - 1 : hoursPerDay;
      if (present && programme.kind === 'tig_pedagogique' && enrolment.measureId)
        present = await countsOnMeasure(w, enrolment.measureId, enrolment.personId, date, hours, today);
      await recordAttendanceIn(w, { enrolmentId: enrolment.id, date, present, hours: present ? hours : 0 });
      summary.attendance += 1;
    }
    if (leavesAfter < days.length) await updateEnrolmentIn(w, enrolment.id, { status: 'abandon' });
  }
}

/** Writer-level, so the first run can load it in the same transaction as the TIG demonstration data. */
export async function loadWorkshopsDemoIn(w: Writer, options: WorkshopsDemoOptions = {}): Promise<WorkshopsDemoSummary> {
  const f = new Faker({ locale: [fr, base] });
  f.seed(options.seed ?? 2026);
  f.setDefaultRefDate(new Date(w.now()));
  const summary: WorkshopsDemoSummary = {
    partners: 0,
    agreements: 0,
    programmes: 0,
    sessions: 0,
    enrolments: 0,
    attendance: 0,
    workshopFigures: 0,
    establishmentProfile: false,
  };
  const progress = (step: string, done: number) => options.onProgress?.({ step, done, total: 3 });

  if (isHeadquarters(w.identity)) {
    progress('Liste nationale des partenariats', 0);
    const installed = await installNationalReferenceIn(w);
    progress('Terminé', 3);
    return { ...summary, partners: installed.partnersCreated, agreements: installed.agreementsCreated };
  }

  const today = todayOf(w);
  progress('Partenaires et conventions', 0);
  const demoPartners = await partners(w, f, today, summary);
  const persons = await participants(w, f);
  const themes: SessionTheme[] = [...requiredTigThemes, ...optionalThemes];

  progress('Programmes, séances, inscriptions et présences', 1);
  for (const plan of plans(f, demoPartners)) {
    const programme = await createProgrammeIn(w, plan);
    summary.programmes += 1;
    if (programme.kind === 'atelier_production') {
      for (let back = 14; back >= 1; back--) {
        const workers = f.number.int({ min: Math.ceil(programme.places * 0.5), max: programme.places });
        await saveWorkshopFiguresIn(w, {
          programmeId: programme.id,
          month: shiftMonths(today.slice(0, 7), -back),
          workers,
          hoursWorked: workers * f.number.int({ min: 80, max: 120 }),
        });
        summary.workshopFigures += 1;
      }
      continue;
    }
    // A session last year, one a month or two ago, one to come; a TIG pédagogique session runs a week.
    const starts = [
      monday(shiftDays(today, -f.number.int({ min: 300, max: 360 }))),
      monday(shiftDays(today, -f.number.int({ min: 30, max: 75 }))),
      monday(shiftDays(today, 14)),
    ];
    for (const start of starts) {
      const tig = programme.kind === 'tig_pedagogique';
      const days = weekdaysBetween(start, shiftDays(start, (tig ? 5 : f.number.int({ min: 2, max: 5 })) - 1));
      const hoursPerDay = tig ? 6 : f.helpers.arrayElement([3, 3.5, 4, 6]);
      const session = await createSessionIn(w, {
        programmeId: programme.id,
        startDate: days[0]!,
        endDate: days[days.length - 1]!,
        days,
        hoursPerDay,
        facilitator: `${f.person.firstName()} ${f.person.lastName()}`,
        themes: tig ? [...new Set([...requiredTigThemes, ...f.helpers.arrayElements(themes, { min: 0, max: 2 })])] : [],
      });
      summary.sessions += 1;
      const candidates: { personId: string; measureId?: string }[] = tig
        ? await tigCandidates(w, persons, session.startDate)
        : persons.map((p) => ({ personId: p.id }));
      const chosen = f.helpers.arrayElements(candidates, Math.min(candidates.length, f.number.int({ min: 3, max: Math.min(programme.places, 6) })));
      const enrolments = [];
      for (const c of chosen) {
        enrolments.push(await enrolIn(w, { sessionId: session.id, personId: c.personId, ...(c.measureId ? { measureId: c.measureId } : {}) }));
        summary.enrolments += 1;
      }
      if (days[days.length - 1]! <= today) await attend(w, f, programme, days, hoursPerDay, enrolments, today, summary);
    }
  }

  progress('Fiche établissement', 2);
  if (w.identity.kind === 'etablissement') {
    await saveEstablishmentProfileIn(w, {
      name: w.identity.name,
      disp: dispOfDepartement(w.identity.departement) ?? 'outre_mer',
      communeName: chefLieuOf[w.identity.departement] ?? w.identity.name,
      departement: w.identity.departement,
      capacity: f.number.int({ min: 200, max: 900 }),
      productionArea: f.number.int({ min: 8, max: 40 }) * 100,
      storageArea: f.number.int({ min: 2, max: 12 }) * 50,
      domains: ['metallerie', 'recyclage_informatique', 'menuiserie'],
      officerName: `${f.person.firstName()} ${f.person.lastName()}`,
      officerPhone: `03 ${f.string.numeric(2)} ${f.string.numeric(2)} ${f.string.numeric(2)} ${f.string.numeric(2)}`,
      officerEmail: `travail-formation.${w.identity.code.toLowerCase()}@justice.fr`,
    });
    summary.establishmentProfile = true;
  }
  progress('Terminé', 3);
  return summary;
}

/** The same, in a transaction of its own: a failure anywhere leaves the database as it was. */
export const loadWorkshopsDemo = (ctx: RepoContext, options: WorkshopsDemoOptions = {}) => writeTransaction(ctx, (w) => loadWorkshopsDemoIn(w, options));

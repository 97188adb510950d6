import { Faker, base, fr } from '@faker-js/faker';
import { todayIso } from '../format/fr.ts';
import { departementByCode } from '../reference/geo.ts';
import { installNationalReference, nationalPartners } from '../reference/nationalPartners.ts';
import { insertAgreement } from '../repos/agreements.ts';
import { saveAttendanceGrid, type AttendanceCell } from '../repos/attendance.ts';
import type { RepoContext } from '../repos/context.ts';
import { enrol, removeEnrolment, updateEnrolment } from '../repos/enrolments.ts';
import { RepoError } from '../repos/errors.ts';
import { saveEstablishmentProfile } from '../repos/establishmentProfiles.ts';
import { readIdentity } from '../repos/identity.ts';
import { isHeadquarters } from '../repos/ownership.ts';
import { insertPartner } from '../repos/partners.ts';
import { createProgramme } from '../repos/programmes.ts';
import { createSession } from '../repos/sessions.ts';
import { saveWorkshopFigures } from '../repos/workshopFigures.ts';
import { writeTransaction } from '../repos/writer.ts';
import { openMeasureStatuses, tigMeasureKinds, weekdaysBetween } from '../rules/sessions.ts';
import { disps } from '../schemas/establishmentProfile.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Partner } from '../schemas/partner.ts';
import type { Person } from '../schemas/person.ts';
import type { Programme, ProgrammeInput } from '../schemas/programme.ts';
import { optionalThemes, requiredTigThemes, type SessionTheme } from '../schemas/session.ts';
import type { SiteIdentity } from '../schemas/site.ts';

export interface WorkshopsDemoResult {
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

/** Partners a site's programmes name: the national ones it received from headquarters, or local ones of its own. */
async function sitePartners(ctx: RepoContext, identity: SiteIdentity, faker: Faker, result: WorkshopsDemoResult): Promise<{ ecti: Partner; entrepreneurship: Partner; town: Partner }> {
  const live = await ctx.db.partners.filter((p) => !p.deleted).toArray();
  const national = (key: string) => {
    const name = nationalPartners.find((p) => p.key === key)!.name;
    return live.find((p) => p.scope === 'national' && p.name === name);
  };
  const place = departementByCode(identity.departement)?.nom ?? identity.departement;
  return writeTransaction(ctx, async (w) => {
    const local = async (name: string, kind: Partner['kind']) => {
      result.partners += 1;
      return insertPartner(w, { name, kind, scope: 'local' });
    };
    const ecti = national('ecti') ?? (await local(`ECTI – délégation ${place}`, 'association'));
    const entrepreneurship = national('fondation-entreprendre') ?? (await local(`Fondation ${faker.company.name()}`, 'fondation'));
    const town = await local(`Ville de ${faker.location.city()}`, 'collectivite');
    const signedOn = `${Number(todayIso(ctx.clock.now()).slice(0, 4)) - 1}-02-01`;
    const convention = { kind: 'convention_locale' as const, signedOn, validFrom: signedOn, commitments: 'Accueil de personnes en TIG et participation aux modules d’insertion.' };
    await insertAgreement(w, { ...convention, partnerId: ecti.id, scope: ['tig'] });
    const townAgreement = await insertAgreement(w, { ...convention, partnerId: town.id, scope: ['tig', 'tnr'] });
    result.agreements += 2;
    // Host organisations of the TIG follow-up become the local hosts of the town's convention.
    const hosts = await w
      .table('organisation')
      .filter((o) => !o.deleted && o.siteId === identity.siteId && o.agreementId === undefined && o.kind === 'collectivite_territoriale')
      .limit(2)
      .toArray();
    for (const host of hosts) await w.update('organisation', host.id, { agreementId: townAgreement.id });
    return { ecti, entrepreneurship, town };
  });
}

/** Persons to enrol: those already followed here, or a few detainees when the site has none yet. */
async function participants(ctx: RepoContext, identity: SiteIdentity, faker: Faker): Promise<Person[]> {
  const persons = await ctx.db.persons.filter((p) => !p.deleted && p.siteId === identity.siteId).toArray();
  if (persons.length > 0) return persons;
  return writeTransaction(ctx, async (w) => {
    const created: Person[] = [];
    for (let i = 0; i < 15; i++) {
      created.push(
        await w.insert('person', {
          lastName: faker.person.lastName(),
          firstName: faker.person.firstName('male'),
          birthDate: faker.date.birthdate({ mode: 'age', min: 19, max: 55 }).toISOString().slice(0, 10),
          caseNumber: `ÉCROU-${faker.string.numeric(6)}`,
          departement: identity.departement,
        }),
      );
    }
    return created;
  });
}

/** Open TIG measures of people in the list, the TIG pédagogique candidates. */
async function tigMeasures(ctx: RepoContext, persons: readonly Person[], firstDay: string): Promise<Measure[]> {
  const ids = new Set(persons.map((p) => p.id));
  const measures = await ctx.db.measures
    .filter((m) => !m.deleted && ids.has(m.personId) && tigMeasureKinds.includes(m.kind) && openMeasureStatuses.includes(m.status) && m.periodStart <= firstDay && m.suspensions.length === 0)
    .toArray();
  const byPerson = new Map<string, Measure>();
  for (const m of measures) if (!byPerson.has(m.personId)) byPerson.set(m.personId, m);
  return [...byPerson.values()];
}

const programmePlans = (faker: Faker, partners: { ecti: Partner; entrepreneurship: Partner; town: Partner }): ProgrammeInput[] => [
  { kind: 'tig_pedagogique', title: 'TIG pédagogique – insertion professionnelle', partnerId: partners.ecti.id, domain: 'insertion_emploi', milieu: 'ouvert', places: 8 },
  { kind: 'module_insertion', title: 'Module « Savoir-être et emploi »', partnerId: partners.ecti.id, domain: 'insertion_emploi', milieu: 'ferme', places: 10 },
  { kind: 'entrepreneuriat', title: 'Entreprendre sa liberté', partnerId: partners.entrepreneurship.id, domain: 'creation_entreprise', milieu: 'ferme', places: 8 },
  { kind: 'formation_professionnelle', title: `Formation ${faker.helpers.arrayElement(['agent de propreté', 'cuisine collective', 'logistique et cariste'])}`, domain: faker.helpers.arrayElement(['entretien_proprete', 'cuisine_restauration', 'conditionnement_logistique'] as const), milieu: 'ferme', places: 10 },
  { kind: 'apprentissage', title: 'Apprentissage en menuiserie', domain: 'menuiserie', milieu: 'ferme', places: 6 },
  { kind: 'autre', title: 'Atelier citoyenneté', partnerId: partners.town.id, domain: 'autre', milieu: 'ouvert', places: 12 },
  { kind: 'atelier_production', title: 'Atelier de métallerie', domain: 'metallerie', milieu: 'ferme', places: 14 },
  { kind: 'atelier_production', title: 'Atelier de recyclage informatique', domain: 'recyclage_informatique', milieu: 'ferme', places: 10 },
];

/**
 * Attendance of past sessions, one participant at a time: a TIG pédagogique participant whose measure cannot
 * take the hours (limits of the TIG follow-up) is unenrolled rather than failing the whole demo.
 */
async function attend(ctx: RepoContext, faker: Faker, programme: Programme, sessionId: string, days: readonly string[], hoursPerDay: number, enrolmentIds: readonly string[], result: WorkshopsDemoResult): Promise<void> {
  for (const enrolmentId of enrolmentIds) {
    const leavesAfter = faker.number.int({ min: 0, max: 9 }) === 0 ? faker.number.int({ min: 1, max: days.length - 1 }) : days.length;
    const cells: AttendanceCell[] = days.map((date, i) => {
      const present = i < leavesAfter && faker.number.int({ min: 0, max: 9 }) > 0;
      return { enrolmentId, date, present, hours: present ? (faker.number.int({ min: 0, max: 5 }) === 0 ? hoursPerDay - 1 : hoursPerDay) : 0 };
    });
    try {
      const saved = await saveAttendanceGrid(ctx, sessionId, cells);
      result.attendance += saved.length;
      if (leavesAfter < days.length) await updateEnrolment(ctx, enrolmentId, { status: 'abandon' });
    } catch (error) {
      if (!(error instanceof RepoError) || programme.kind !== 'tig_pedagogique') throw error;
      await removeEnrolment(ctx, enrolmentId);
      result.enrolments -= 1;
    }
  }
}

/**
 * Demo data for workshops, training and partnerships, written through the repositories after the TIG demo
 * data: partners and conventions (the national reference list at headquarters), programmes of every kind
 * with past and coming sessions, persons of the site enrolled (TIG pédagogique: persons with an open TIG
 * measure, whose hours land on it), attendance, production figures per month, and the establishment profile
 * of an établissement. Seeded, so the same seed and clock give the same data.
 */
export async function seedWorkshopsDemo(ctx: RepoContext, options: { seed?: number } = {}): Promise<WorkshopsDemoResult> {
  const identity = await readIdentity(ctx.db);
  if (!identity) throw new RepoError('Le site n’est pas encore configuré : terminez la première mise en route.');
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(options.seed ?? 2026);
  faker.setDefaultRefDate(new Date(ctx.clock.now()));
  const result: WorkshopsDemoResult = { partners: 0, agreements: 0, programmes: 0, sessions: 0, enrolments: 0, attendance: 0, workshopFigures: 0, establishmentProfile: false };

  if (isHeadquarters(identity)) {
    const installed = await installNationalReference(ctx);
    return { ...result, partners: installed.partnersCreated, agreements: installed.agreementsCreated };
  }

  const today = todayIso(ctx.clock.now());
  const partners = await sitePartners(ctx, identity, faker, result);
  const persons = await participants(ctx, identity, faker);
  const themes: SessionTheme[] = [...requiredTigThemes, ...optionalThemes];

  for (const plan of programmePlans(faker, partners)) {
    const programme = await createProgramme(ctx, plan);
    result.programmes += 1;
    if (programme.kind === 'atelier_production') {
      const thisMonth = today.slice(0, 7);
      for (let back = 14; back >= 1; back--) {
        const workers = faker.number.int({ min: Math.ceil(programme.places * 0.5), max: programme.places });
        await saveWorkshopFigures(ctx, { programmeId: programme.id, month: shiftMonths(thisMonth, -back), workers, hoursWorked: workers * faker.number.int({ min: 80, max: 120 }) });
        result.workshopFigures += 1;
      }
      continue;
    }
    // Two past sessions (last year and this one) and one to come; TIG pédagogique sessions run a week.
    const starts = [monday(shiftDays(today, -faker.number.int({ min: 300, max: 360 }))), monday(shiftDays(today, -faker.number.int({ min: 30, max: 75 }))), monday(shiftDays(today, 14))];
    for (const start of starts) {
      const length = programme.kind === 'tig_pedagogique' ? 5 : faker.number.int({ min: 2, max: 5 });
      const days = weekdaysBetween(start, shiftDays(start, length - 1));
      const hoursPerDay = programme.kind === 'tig_pedagogique' ? 6 : faker.helpers.arrayElement([3, 3.5, 4, 6]);
      const session = await createSession(ctx, {
        programmeId: programme.id,
        startDate: days[0]!,
        endDate: days[days.length - 1]!,
        days,
        hoursPerDay,
        facilitator: `${faker.person.firstName()} ${faker.person.lastName()}`,
        themes: programme.kind === 'tig_pedagogique' ? faker.helpers.arrayElements(themes, { min: 5, max: themes.length }).concat(requiredTigThemes).filter((t, i, all) => all.indexOf(t) === i) : [],
      });
      result.sessions += 1;
      const candidates: { personId: string; measureId?: string }[] =
        programme.kind === 'tig_pedagogique'
          ? (await tigMeasures(ctx, persons, session.startDate)).map((m) => ({ personId: m.personId, measureId: m.id }))
          : persons.map((p) => ({ personId: p.id }));
      const chosen = faker.helpers.arrayElements(candidates, Math.min(candidates.length, faker.number.int({ min: 3, max: Math.min(programme.places, 6) })));
      const enrolmentIds: string[] = [];
      for (const c of chosen) {
        const enrolment = await enrol(ctx, { sessionId: session.id, personId: c.personId, ...(c.measureId ? { measureId: c.measureId } : {}) });
        enrolmentIds.push(enrolment.id);
        result.enrolments += 1;
      }
      const past = days.filter((d) => d <= today);
      if (past.length === days.length) await attend(ctx, faker, programme, session.id, days, hoursPerDay, enrolmentIds, result);
    }
  }

  if (identity.kind === 'etablissement') {
    await saveEstablishmentProfile(ctx, {
      name: identity.name,
      disp: faker.helpers.arrayElement(disps.filter((d) => d !== 'outre_mer')),
      communeName: faker.location.city(),
      departement: identity.departement,
      capacity: faker.number.int({ min: 200, max: 900 }),
      productionArea: faker.number.int({ min: 8, max: 40 }) * 100,
      storageArea: faker.number.int({ min: 2, max: 12 }) * 50,
      domains: ['metallerie', 'recyclage_informatique', 'menuiserie'],
      officerName: `${faker.person.firstName()} ${faker.person.lastName()}`,
      officerPhone: `03 ${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(2)}`,
      officerEmail: `travail-formation.${identity.code.toLowerCase()}@justice.fr`,
    });
    result.establishmentProfile = true;
  }
  return result;
}

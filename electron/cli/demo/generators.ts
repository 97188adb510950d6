import { ofPlace } from '../../../shared/format/agreement.ts';
import type { Faker } from '@faker-js/faker';
import { dispOfDepartement } from '../../../shared/reference/disp.ts';
import { luhn } from '../../../shared/rules/siret.ts';
import type { CentralEntityName, EntityInput, EntityName, EntityRecord } from '../../../shared/schemas/entities.ts';
import { incidentKinds } from '../../../shared/schemas/incident.ts';
import { measureKinds, offenceCategories } from '../../../shared/schemas/measureKinds.ts';
import { organisationKinds } from '../../../shared/schemas/organisation.ts';
import { activityDomains, type ActivityDomain } from '../../../shared/schemas/post.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { agreementScopes } from '../../../shared/schemas/agreement.ts';
import { partnerKinds, type PartnerKind } from '../../../shared/schemas/partner.ts';
import { programmeKinds, workDomains, type ProgrammeKind } from '../../../shared/schemas/programme.ts';
import { optionalThemes, requiredTigThemes } from '../../../shared/schemas/session.ts';
import { tigMeasureKinds, weekdaysBetween } from '../../../shared/rules/sessions.ts';
import { doneWith } from '../../../shared/rules/hourLimits.ts';
import { isHabilitatedOn, isHabilitationRequired } from '../../../shared/rules/habilitation.ts';
import { TNR_LIMITS } from '../../../shared/rules/hours.ts';
import { measureDoneOf, orderedOf } from '../../../shared/rules/ordered.ts';

/**
 * What a generator sees: a seeded French faker, the site, the simulated day, the records already written (and
 * those of its own batch not yet written), with lookups that cost the same whatever the size of the site
 * (electron/cli/demo/live.ts keeps them).
 */
export interface GenContext {
  faker: Faker;
  site: SiteIdentity;
  /** The simulated day, yyyy-mm-dd. */
  readonly today: string;
  live<E extends EntityName>(entity: E): readonly EntityRecord<E>[];
  byId<E extends EntityName>(entity: E, id: string): EntityRecord<E> | undefined;
  /** The live records whose `keyOf` is `key`; `index` names the key function, which must not change. */
  where<E extends EntityName>(entity: E, index: string, keyOf: (record: EntityRecord<E>) => string, key: string): readonly EntityRecord<E>[];
  /** A value computed from whole tables, kept until one of `entities` is written or the day changes. */
  derived<T>(name: string, entities: readonly EntityName[], compute: () => T): T;
}

/**
 * How the simulated users of `passerelle demo-bundles` write one kind of record. Every registered entity
 * has one (a mapped type over the registry, checked by a test), so the demo exercises every kind.
 */
export interface Generator<E extends EntityName> {
  /** Entities whose records this one points to; they are generated first. */
  needs: readonly CentralEntityName[];
  /** A new valid record, or undefined when nothing suitable exists yet to point to. */
  create(g: GenContext): EntityInput<E> | undefined;
  /** A valid change to an existing record. */
  edit(g: GenContext, record: EntityRecord<E>): Partial<EntityInput<E>>;
  /** Whether simulated users delete such records between exports. */
  deletable: boolean;
}

const DAY = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function pick<T>(g: GenContext, items: readonly T[]): T | undefined {
  return items.length ? g.faker.helpers.arrayElement(items) : undefined;
}

function phone(g: GenContext): string {
  const pairs = Array.from({ length: 4 }, () => g.faker.string.numeric(2));
  return `0${g.faker.number.int({ min: 1, max: 9 })} ${pairs.join(' ')}`;
}

function siret(g: GenContext): string {
  const body = g.faker.string.numeric({ length: 13, allowLeadingZeros: false });
  for (let d = 0; d <= 9; d++) if (luhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable: one check digit always fits');
}

function commune(g: GenContext, departement: string): { communeCode: string; communeName: string } {
  const suffix = g.faker.string.numeric(5 - departement.length);
  return { communeCode: `${departement}${suffix}`, communeName: g.faker.location.city() };
}

function postalCode(g: GenContext, departement: string): string {
  const prefix = departement.startsWith('2') && /[AB]/.test(departement) ? '20' : departement.slice(0, 2);
  return `${prefix}${g.faker.string.numeric(3)}`;
}

function sentence(g: GenContext, words: number): string {
  const text = g.faker.word.words(words);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function quarterHours(g: GenContext, min: number, max: number): number {
  return g.faker.number.int({ min: min * 4, max: max * 4 }) / 4;
}

const postTitles: Record<ActivityDomain, string[]> = {
  espaces_verts: ['Entretien des espaces verts', 'Aide jardinier'],
  entretien_nettoyage: ['Agent d’entretien des locaux', 'Nettoyage de la voirie'],
  restauration: ['Aide en cuisine collective', 'Plonge et service'],
  logistique: ['Manutention en entrepôt', 'Tri et rangement'],
  aide_personne: ['Accompagnement de personnes âgées'],
  patrimoine_culture: ['Restauration du petit patrimoine', 'Aide en médiathèque'],
  sport: ['Entretien des équipements sportifs'],
  environnement_recyclage: ['Tri en ressourcerie', 'Nettoyage des berges'],
  administratif: ['Classement et archivage'],
  batiment: ['Peinture et petits travaux'],
  animation: ['Aide à l’animation de quartier'],
  autre: ['Missions polyvalentes'],
};

const tutorRoles = ['Responsable des services techniques', 'Chef d’équipe', 'Directrice de l’association', 'Agent de maîtrise', 'Coordinateur bénévole'];

/** Hosts a placement may start at on `on`, by the repository's own rule. */
const tutorsOf = (g: GenContext, organisationId: string) => g.where('tutor', 'organisation', (t) => t.organisationId, organisationId);
const habilitationsOf = (g: GenContext, organisationId: string) => g.where('habilitation', 'organisation', (h) => h.organisationId, organisationId);
const runningMeasures = (g: GenContext) => g.derived('running measures', ['measure'], () => g.live('measure').filter((m) => m.status === 'en_cours'));

export const generators: { [E in CentralEntityName]: Generator<E> } = {
  organisation: {
    needs: [],
    deletable: false,
    create(g) {
      const city = g.faker.location.city();
      const kind = g.faker.helpers.arrayElement(organisationKinds);
      const name =
        kind === 'collectivite_territoriale'
          ? `Mairie de ${city}`
          : kind === 'association'
            ? `Association ${g.faker.word.noun()} de ${city}`
            : g.faker.company.name();
      return {
        name,
        kind,
        ...(g.faker.datatype.boolean(0.7) ? { siret: siret(g) } : {}),
        street: g.faker.location.streetAddress(),
        postalCode: postalCode(g, g.site.departement),
        ...commune(g, g.site.departement),
        communeName: city,
        departement: g.site.departement,
        contactName: g.faker.person.fullName(),
        contactPhone: phone(g),
        contactEmail: g.faker.internet.email(),
        ...(g.faker.datatype.boolean(0.3) ? { notes: sentence(g, 8) } : {}),
      };
    },
    edit(g) {
      return g.faker.datatype.boolean()
        ? { contactName: g.faker.person.fullName(), contactPhone: phone(g) }
        : { notes: sentence(g, 6), street: g.faker.location.streetAddress() };
    },
  },
  habilitation: {
    needs: ['organisation'],
    deletable: false,
    create(g) {
      const organisation = pick(
        g,
        g.derived('organisations needing a habilitation', ['organisation'], () => g.live('organisation').filter((o) => isHabilitationRequired(o.kind))),
      );
      if (!organisation) return undefined;
      const decisionDate = addDays(g.today, -g.faker.number.int({ min: 400, max: 900 }));
      const validFrom = addDays(decisionDate, g.faker.number.int({ min: 0, max: 30 }));
      return { organisationId: organisation.id, decisionDate, validFrom, validUntil: addDays(validFrom, 365 * 5) };
    },
    edit(g, record) {
      return { validUntil: addDays(record.validFrom, 365 * g.faker.number.int({ min: 5, max: 8 })) };
    },
  },
  tutor: {
    needs: ['organisation'],
    deletable: false,
    create(g) {
      const organisation = pick(g, g.live('organisation'));
      if (!organisation) return undefined;
      const trained = g.faker.datatype.boolean(0.6);
      return {
        organisationId: organisation.id,
        lastName: g.faker.person.lastName(),
        firstName: g.faker.person.firstName(),
        role: g.faker.helpers.arrayElement(tutorRoles),
        phone: phone(g),
        email: g.faker.internet.email(),
        trained,
        ...(trained ? { trainedOn: addDays(g.today, -g.faker.number.int({ min: 30, max: 700 })) } : {}),
      };
    },
    edit(g, record) {
      return record.trained ? { phone: phone(g), role: g.faker.helpers.arrayElement(tutorRoles) } : { trained: true, trainedOn: addDays(g.today, -1) };
    },
  },
  post: {
    needs: ['organisation', 'tutor', 'habilitation'],
    deletable: false,
    create(g) {
      const hosts = g.derived('habilitated organisations', ['organisation', 'habilitation'], () =>
        g.live('organisation').filter((o) => isHabilitatedOn(o.kind, habilitationsOf(g, o.id), g.today)),
      );
      const organisation = pick(g, hosts);
      if (!organisation) return undefined;
      const tutors = tutorsOf(g, organisation.id);
      const domain = g.faker.helpers.arrayElement(activityDomains);
      return {
        organisationId: organisation.id,
        tutorIds: g.faker.helpers.arrayElements(
          tutors.map((t) => t.id),
          { min: 0, max: Math.min(2, tutors.length) },
        ),
        title: g.faker.helpers.arrayElement(postTitles[domain]),
        domain,
        ...commune(g, organisation.departement),
        departement: organisation.departement,
        schedule: g.faker.helpers.arrayElement(['Du lundi au vendredi, 9 h - 12 h', 'Mardi et jeudi, 14 h - 17 h', 'Samedi matin']),
        capacity: g.faker.number.int({ min: 1, max: 4 }),
        openToMinors: g.faker.datatype.boolean(0.3),
        accessiblePmr: g.faker.datatype.boolean(0.5),
        active: true,
        ...(g.faker.datatype.boolean(0.5) ? { description: sentence(g, 10) } : {}),
      };
    },
    edit(g, record) {
      return {
        capacity: Math.min(100, record.capacity + 1),
        schedule: g.faker.helpers.arrayElement(['Du lundi au vendredi, 8 h - 12 h', 'Mercredi, 9 h - 16 h']),
      };
    },
  },
  person: {
    needs: [],
    deletable: false,
    create(g) {
      const age = g.faker.datatype.boolean(0.1) ? 16 : g.faker.number.int({ min: 18, max: 70 });
      const birthDate = addDays(g.today, -(age * 365 + g.faker.number.int({ min: 10, max: 350 })));
      return {
        lastName: g.faker.person.lastName(),
        firstName: g.faker.person.firstName(),
        birthDate,
        caseNumber: `${g.today.slice(0, 4)}/${g.faker.string.numeric(6)}`,
        ...commune(g, g.site.departement),
        departement: g.site.departement,
        phone: phone(g),
        counsellor: g.faker.person.fullName(),
      };
    },
    edit(g, record) {
      if (g.faker.datatype.boolean(0.2)) return { birthDate: addDays(record.birthDate, -365) };
      return g.faker.datatype.boolean() ? { phone: phone(g) } : { counsellor: g.faker.person.fullName() };
    },
  },
  measure: {
    needs: ['person'],
    deletable: false,
    create(g) {
      const adults = g.derived('adults', ['person'], () => g.live('person').filter((p) => daysBetween(p.birthDate, g.today) >= 18 * 366));
      const person = pick(g, adults);
      if (!person) return undefined;
      const offenceCategory = g.faker.helpers.arrayElement(offenceCategories);
      const offenceDate = addDays(g.today, -g.faker.number.int({ min: 200, max: 600 }));
      const decisionDate = addDays(offenceDate, g.faker.number.int({ min: 30, max: 150 }));
      const kind = g.faker.helpers.arrayElement(measureKinds);
      // A TNR keeps to the code de procédure pénale's maximum hours and period.
      const tnr = kind === 'tnr' ? TNR_LIMITS[offenceCategory] : undefined;
      return {
        personId: person.id,
        kind,
        jurisdiction: `Tribunal judiciaire de ${g.faker.location.city()}`,
        decisionDate,
        offenceDate,
        offenceCategory,
        // A stage is ordered in days (what headquarters must take as well as hours).
        ...(kind === 'stage'
          ? { daysOrdered: g.faker.number.int({ min: 1, max: 3 }) }
          : { hoursOrdered: g.faker.number.int({ min: tnr ? 1 : 2, max: (tnr?.maxHours ?? (offenceCategory === 'delit' ? 400 : 120)) / 10 }) * 10 }),
        periodStart: addDays(decisionDate, g.faker.number.int({ min: 0, max: 20 })),
        periodMonths: tnr ? tnr.maxMonths : g.faker.number.int({ min: 12, max: 18 }),
        suspensions: [],
        status: 'en_cours',
        ...(g.faker.datatype.boolean(0.4) ? { notes: `M. ou Mme ${person.lastName} : ${sentence(g, 6)}` } : {}),
      };
    },
    edit(g, record) {
      if (record.suspensions.length === 0 && g.faker.datatype.boolean(0.3)) {
        const from = addDays(record.periodStart, 10);
        return { suspensions: [{ from, to: addDays(from, 20), reason: 'Hospitalisation' }] };
      }
      return { notes: sentence(g, 7) };
    },
  },
  placement: {
    needs: ['measure', 'post', 'habilitation'],
    deletable: false,
    create(g) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const measure = pick(g, runningMeasures(g));
        const post = pick(
          g,
          g.derived('active posts', ['post'], () => g.live('post').filter((p) => p.active)),
        );
        if (!measure || !post) return undefined;
        const startDate = addDays(measure.periodStart, g.faker.number.int({ min: 5, max: 40 }));
        if (startDate > g.today) continue;
        const host = g.byId('organisation', post.organisationId);
        if (!host || !isHabilitatedOn(host.kind, habilitationsOf(g, host.id), startDate)) continue;
        return {
          measureId: measure.id,
          postId: post.id,
          personId: measure.personId,
          startDate,
          plannedEnd: addDays(startDate, g.faker.number.int({ min: 30, max: 120 })),
          weeklySchedule: post.schedule ?? 'Du lundi au vendredi',
          status: 'en_cours',
        };
      }
      return undefined;
    },
    edit(g, record) {
      return { plannedEnd: addDays(record.plannedEnd, g.faker.number.int({ min: 7, max: 30 })) };
    },
  },
  hourLog: {
    needs: ['placement', 'measure'],
    deletable: true,
    create(g) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const placement = pick(
          g,
          g.derived('started placements', ['placement'], () => g.live('placement').filter((p) => p.startDate <= g.today)),
        );
        if (!placement) return undefined;
        const measure = g.byId('measure', placement.measureId);
        if (!measure) return undefined;
        const span = Math.max(0, daysBetween(placement.startDate, placement.plannedEnd < g.today ? placement.plannedEnd : g.today));
        const date = addDays(placement.startDate, g.faker.number.int({ min: 0, max: span }));
        const hours = quarterHours(g, 2, 7);
        const measureDone = measureDoneOf(g.where('hourLog', 'measure', (l) => l.measureId, measure.id));
        const usedDay = g.where('hourLog', 'person and day', (l) => `${l.personId}|${l.date}`, `${placement.personId}|${date}`).length > 0;
        if (usedDay || doneWith({ date, hours, measure, measureDone }) > orderedOf(measure).amount) continue;
        return {
          measureId: measure.id,
          personId: placement.personId,
          placementId: placement.id,
          date,
          hours,
          confirmedByTutor: g.faker.datatype.boolean(0.7),
          ...(g.faker.datatype.boolean(0.3) ? { comment: sentence(g, 5) } : {}),
        };
      }
      return undefined;
    },
    edit(g, record) {
      return record.confirmedByTutor ? { hours: Math.max(0.25, record.hours - 0.5) } : { confirmedByTutor: true, comment: sentence(g, 4) };
    },
  },
  incident: {
    needs: ['measure', 'placement', 'person'],
    deletable: true,
    create(g) {
      const measure = pick(
        g,
        g.derived('started measures', ['measure'], () => g.live('measure').filter((m) => m.periodStart <= g.today)),
      );
      if (!measure) return undefined;
      const person = g.byId('person', measure.personId);
      const placement = pick(
        g,
        g.where('placement', 'measure', (p) => p.measureId, measure.id),
      );
      const from = placement?.startDate ?? measure.periodStart;
      return {
        measureId: measure.id,
        ...(placement ? { placementId: placement.id } : {}),
        personId: measure.personId,
        date: addDays(from, g.faker.number.int({ min: 0, max: Math.max(0, daysBetween(from, g.today)) })),
        kind: g.faker.helpers.arrayElement(incidentKinds),
        description: `${person ? `${person.firstName} ${person.lastName}` : 'La personne'} : ${sentence(g, 8)}`,
      };
    },
    edit(g, record) {
      return { reportedToJapOn: addDays(record.date, g.faker.number.int({ min: 1, max: 5 })) };
    },
  },
  partner: {
    needs: [],
    deletable: false,
    create(g) {
      const kind = g.faker.helpers.arrayElement(partnerKinds);
      const city = g.faker.location.city();
      const names: Record<PartnerKind, string> = {
        administration: `Centre hospitalier de ${city}`,
        entreprise: g.faker.company.name(),
        association: `Association ${g.faker.word.noun()} de ${city}`,
        fondation: `Fondation ${g.faker.company.name()}`,
        collectivite: `Ville ${ofPlace(city)}`,
      };
      return { name: names[kind], kind, scope: 'local', ...(g.faker.datatype.boolean(0.3) ? { notes: sentence(g, 8) } : {}) };
    },
    edit(g) {
      return { notes: sentence(g, 6) };
    },
  },
  agreement: {
    needs: ['partner'],
    deletable: false,
    create(g) {
      const partner = pick(g, g.live('partner'));
      if (!partner) return undefined;
      const signedOn = addDays(g.today, -g.faker.number.int({ min: 30, max: 900 }));
      return {
        partnerId: partner.id,
        kind: 'convention_locale',
        title: `Convention locale avec ${partner.name}`,
        signedOn,
        validFrom: signedOn,
        ...(g.faker.datatype.boolean(0.6) ? { validUntil: addDays(signedOn, 365 * 3) } : {}),
        scope: g.faker.helpers.arrayElements(agreementScopes, { min: 1, max: 3 }),
        commitments: sentence(g, 12),
      };
    },
    edit(g, record) {
      return { validUntil: addDays(record.validFrom, 365 * g.faker.number.int({ min: 3, max: 5 })) };
    },
  },
  establishmentProfile: {
    needs: [],
    deletable: false,
    // Only a prison establishment holds a profile (the repositories refuse it elsewhere), and only one.
    create(g) {
      if (g.site.kind !== 'etablissement' || g.live('establishmentProfile').length > 0) return undefined;
      return {
        name: g.site.name,
        // The repository holds a profile to its département's DISP; the only codes outside the map are
        // uninhabited overseas territories, which the overseas mission would answer for.
        disp: dispOfDepartement(g.site.departement) ?? 'outre_mer',
        ...commune(g, g.site.departement),
        departement: g.site.departement,
        capacity: g.faker.number.int({ min: 100, max: 900 }),
        productionArea: g.faker.number.int({ min: 5, max: 40 }) * 100,
        storageArea: g.faker.number.int({ min: 1, max: 12 }) * 50,
        domains: g.faker.helpers.arrayElements(workDomains, { min: 1, max: 4 }),
        officerName: g.faker.person.fullName(),
        officerPhone: phone(g),
        officerEmail: g.faker.internet.email(),
      };
    },
    edit(g, record) {
      return { storageArea: record.storageArea + g.faker.number.int({ min: 1, max: 4 }) * 50 };
    },
  },
  programme: {
    needs: ['partner'],
    deletable: false,
    create(g) {
      // Kinds in turn, so the first few programmes of a site cover production workshops and TIG pédagogique.
      const kind = programmeKinds[g.live('programme').length % programmeKinds.length]!;
      const milieu =
        kind === 'tig_pedagogique' ? 'ouvert' : kind === 'atelier_production' ? 'ferme' : g.faker.helpers.arrayElement(['ouvert', 'ferme'] as const);
      const titles: Record<ProgrammeKind, string> = {
        atelier_production: 'Atelier de production',
        formation_professionnelle: 'Formation qualifiante',
        apprentissage: 'Apprentissage',
        tig_pedagogique: 'TIG pédagogique',
        module_insertion: 'Module d’insertion',
        entrepreneuriat: 'Entreprendre sa liberté',
        autre: 'Action collective',
      };
      const partner = g.faker.datatype.boolean(0.6) ? pick(g, g.live('partner')) : undefined;
      return {
        kind,
        title: titles[kind],
        ...(partner ? { partnerId: partner.id } : {}),
        domain: kind === 'tig_pedagogique' ? 'insertion_emploi' : g.faker.helpers.arrayElement(workDomains),
        milieu,
        places: g.faker.number.int({ min: 6, max: 15 }),
      };
    },
    edit(_g, record) {
      return { places: Math.min(500, record.places + 1) };
    },
  },
  session: {
    needs: ['programme'],
    deletable: false,
    create(g) {
      const programme = pick(
        g,
        g.derived('programmes with sessions', ['programme'], () => g.live('programme').filter((p) => p.kind !== 'atelier_production')),
      );
      if (!programme) return undefined;
      const tig = programme.kind === 'tig_pedagogique';
      let start = addDays(g.today, -g.faker.number.int({ min: 0, max: 300 }));
      while (weekdaysBetween(start, start).length === 0) start = addDays(start, 1);
      const days = weekdaysBetween(start, addDays(start, tig ? 6 : g.faker.number.int({ min: 0, max: 6 })));
      return {
        programmeId: programme.id,
        startDate: days[0]!,
        endDate: days[days.length - 1]!,
        days,
        hoursPerDay: tig ? 6 : quarterHours(g, 2, 7),
        facilitator: g.faker.person.fullName(),
        themes: tig ? [...requiredTigThemes, ...g.faker.helpers.arrayElements(optionalThemes, { min: 0, max: 2 })] : [],
      };
    },
    edit(g) {
      return { facilitator: g.faker.person.fullName() };
    },
  },
  enrolment: {
    needs: ['session', 'programme', 'person', 'measure'],
    deletable: false,
    create(g) {
      const session = pick(g, g.live('session'));
      if (!session) return undefined;
      const programme = g.byId('programme', session.programmeId);
      const enrolled = g.where('enrolment', 'session', (e) => e.sessionId, session.id);
      if (!programme || enrolled.length >= programme.places) return undefined;
      const taken = new Set(enrolled.map((e) => e.personId));
      if (programme.kind === 'tig_pedagogique') {
        const measure = pick(
          g,
          runningMeasures(g).filter((m) => tigMeasureKinds.includes(m.kind) && !taken.has(m.personId)),
        );
        return measure ? { sessionId: session.id, personId: measure.personId, measureId: measure.id, status: 'inscrit' } : undefined;
      }
      const person = pick(
        g,
        g.live('person').filter((p) => !taken.has(p.id)),
      );
      return person ? { sessionId: session.id, personId: person.id, status: 'inscrit' } : undefined;
    },
    edit(g) {
      return { status: g.faker.helpers.arrayElement(['present', 'abandon'] as const) };
    },
  },
  attendance: {
    needs: ['enrolment', 'session'],
    deletable: false,
    create(g) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const enrolment = pick(g, g.live('enrolment'));
        const session = enrolment && g.byId('session', enrolment.sessionId);
        if (!enrolment || !session) return undefined;
        const recorded = new Set(g.where('attendance', 'enrolment', (a) => a.enrolmentId, enrolment.id).map((a) => a.date));
        const date = pick(
          g,
          session.days.filter((d) => d <= g.today && !recorded.has(d)),
        );
        if (!date) continue;
        const present = g.faker.datatype.boolean(0.85);
        return { enrolmentId: enrolment.id, sessionId: session.id, personId: enrolment.personId, date, present, hours: present ? session.hoursPerDay : 0 };
      }
      return undefined;
    },
    edit(_g, record) {
      return record.present ? { hours: Math.max(0.25, record.hours - 1) } : {};
    },
  },
  workshopFigure: {
    needs: ['programme'],
    deletable: false,
    create(g) {
      const workshop = pick(
        g,
        g.derived('production workshops', ['programme'], () => g.live('programme').filter((p) => p.kind === 'atelier_production')),
      );
      if (!workshop) return undefined;
      const reported = new Set(g.where('workshopFigure', 'programme', (f) => f.programmeId, workshop.id).map((f) => f.month));
      const month = addDays(`${g.today.slice(0, 7)}-01`, -g.faker.number.int({ min: 1, max: 365 })).slice(0, 7);
      if (reported.has(month)) return undefined;
      const workers = g.faker.number.int({ min: 0, max: workshop.places });
      return { programmeId: workshop.id, month, workers, hoursWorked: workers * g.faker.number.int({ min: 60, max: 140 }) };
    },
    edit(g, record) {
      return { hoursWorked: record.workers * g.faker.number.int({ min: 60, max: 140 }) };
    },
  },
};

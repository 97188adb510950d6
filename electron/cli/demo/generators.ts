import type { Faker } from '@faker-js/faker';
import { luhn } from '../../../shared/rules/siret.ts';
import type { EntityInput, EntityName, EntityRecord } from '../../../shared/schemas/entities.ts';
import { incidentKinds } from '../../../shared/schemas/incident.ts';
import { measureKinds, offenceCategories } from '../../../shared/schemas/measure.ts';
import { organisationKinds } from '../../../shared/schemas/organisation.ts';
import { activityDomains, type ActivityDomain } from '../../../shared/schemas/post.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';

/** What a generator sees: a seeded French faker, the site, the simulated day, the records already written. */
export interface GenContext {
  faker: Faker;
  site: SiteIdentity;
  /** The simulated day, yyyy-mm-dd. */
  today: string;
  live<E extends EntityName>(entity: E): readonly EntityRecord<E>[];
}

/**
 * How the simulated users of `passerelle demo-bundles` write one kind of record. Every registered entity
 * has one (a mapped type over the registry, checked by a test), so the demo exercises every kind.
 */
export interface Generator<E extends EntityName> {
  /** Entities whose records this one points to; they are generated first. */
  needs: readonly EntityName[];
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

function validHabilitation(h: EntityRecord<'habilitation'>, on: string): boolean {
  return h.validFrom <= on && (h.validUntil === undefined || h.validUntil >= on) && h.withdrawnOn === undefined;
}

export const generators: { [E in EntityName]: Generator<E> } = {
  organisation: {
    needs: [],
    deletable: false,
    create(g) {
      const city = g.faker.location.city();
      const kind = g.faker.helpers.arrayElement(organisationKinds);
      const name =
        kind === 'collectivite_territoriale' ? `Mairie de ${city}` : kind === 'association' ? `Association ${g.faker.word.noun()} de ${city}` : g.faker.company.name();
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
      return g.faker.datatype.boolean() ? { contactName: g.faker.person.fullName(), contactPhone: phone(g) } : { notes: sentence(g, 6), street: g.faker.location.streetAddress() };
    },
  },
  habilitation: {
    needs: ['organisation'],
    deletable: false,
    create(g) {
      const organisation = pick(g, g.live('organisation'));
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
      const habilitated = new Set(g.live('habilitation').filter((h) => validHabilitation(h, g.today)).map((h) => h.organisationId));
      const organisation = pick(g, g.live('organisation').filter((o) => habilitated.has(o.id)));
      if (!organisation) return undefined;
      const tutors = g.live('tutor').filter((t) => t.organisationId === organisation.id);
      const domain = g.faker.helpers.arrayElement(activityDomains);
      return {
        organisationId: organisation.id,
        tutorIds: g.faker.helpers.arrayElements(tutors.map((t) => t.id), { min: 0, max: Math.min(2, tutors.length) }),
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
      return { capacity: Math.min(100, record.capacity + 1), schedule: g.faker.helpers.arrayElement(['Du lundi au vendredi, 8 h - 12 h', 'Mercredi, 9 h - 16 h']) };
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
      const adults = g.live('person').filter((p) => daysBetween(p.birthDate, g.today) >= 18 * 366);
      const person = pick(g, adults);
      if (!person) return undefined;
      const offenceCategory = g.faker.helpers.arrayElement(offenceCategories);
      const offenceDate = addDays(g.today, -g.faker.number.int({ min: 200, max: 600 }));
      const decisionDate = addDays(offenceDate, g.faker.number.int({ min: 30, max: 150 }));
      return {
        personId: person.id,
        kind: g.faker.helpers.arrayElement(measureKinds),
        jurisdiction: `Tribunal judiciaire de ${g.faker.location.city()}`,
        decisionDate,
        offenceDate,
        offenceCategory,
        hoursOrdered: g.faker.number.int({ min: 2, max: offenceCategory === 'delit' ? 40 : 12 }) * 10,
        periodStart: addDays(decisionDate, g.faker.number.int({ min: 0, max: 20 })),
        periodMonths: g.faker.number.int({ min: 12, max: 18 }),
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
        const measure = pick(g, g.live('measure').filter((m) => m.status === 'en_cours'));
        const post = pick(g, g.live('post').filter((p) => p.active));
        if (!measure || !post) return undefined;
        const startDate = addDays(measure.periodStart, g.faker.number.int({ min: 5, max: 40 }));
        if (startDate > g.today) continue;
        if (!g.live('habilitation').some((h) => h.organisationId === post.organisationId && validHabilitation(h, startDate))) continue;
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
      const logs = g.live('hourLog');
      const usedDays = new Set(logs.map((l) => `${l.personId}|${l.date}`));
      for (let attempt = 0; attempt < 10; attempt++) {
        const placement = pick(g, g.live('placement').filter((p) => p.startDate <= g.today));
        if (!placement) return undefined;
        const measure = g.live('measure').find((m) => m.id === placement.measureId);
        if (!measure) return undefined;
        const span = Math.max(0, daysBetween(placement.startDate, placement.plannedEnd < g.today ? placement.plannedEnd : g.today));
        const date = addDays(placement.startDate, g.faker.number.int({ min: 0, max: span }));
        const hours = quarterHours(g, 2, 7);
        const done = logs.filter((l) => l.measureId === measure.id).reduce((sum, l) => sum + l.hours, 0);
        if (usedDays.has(`${placement.personId}|${date}`) || done + hours > measure.hoursOrdered) continue;
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
      const measure = pick(g, g.live('measure').filter((m) => m.periodStart <= g.today));
      if (!measure) return undefined;
      const person = g.live('person').find((p) => p.id === measure.personId);
      const placement = pick(g, g.live('placement').filter((p) => p.measureId === measure.id));
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
};

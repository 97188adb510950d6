import { ofPlace } from '../format/agreement.ts';
import { base, Faker, fr } from '@faker-js/faker';
import type { RepoContext } from '../repos/context.ts';
import { RepoError } from '../errors.ts';
import { today } from '../util.ts';
import { createHabilitationIn } from '../repos/habilitations.ts';
import { insertHourLogs, logHours } from '../repos/hourLogs.ts';
import { createIncidentIn } from '../repos/incidents.ts';
import { createMeasureIn, expireMeasureIn, measureDeadline, revokeMeasureIn, suspendMeasureIn, transferMeasureIn, updateMeasureIn } from '../repos/measures.ts';
import { createOrganisationIn } from '../repos/organisations.ts';
import { createPersonIn } from '../repos/persons.ts';
import { createPlacementIn } from '../repos/placements.ts';
import { createPostIn } from '../repos/posts.ts';
import { createTutorIn } from '../repos/tutors.ts';
import { writeTransaction, type Writer } from '../repos/writer.ts';
import { cachingWriter } from './cachingWriter.ts';
import { addDays, addMonths, dayNumber, daysBetween, maxDate, minDate } from '../rules/calendar.ts';
import { isHabilitationRequired } from '../rules/habilitation.ts';
import { TNR_LIMITS } from '../rules/hours.ts';
import { withSiretKey } from '../rules/siret.ts';
import type { IncidentKind } from '../schemas/incident.ts';
import type { MeasureKind, OffenceCategory } from '../schemas/measureKinds.ts';
import type { Measure, MeasureStatus } from '../schemas/measure.ts';
import type { OrganisationKind } from '../schemas/organisation.ts';
import type { Person } from '../schemas/person.ts';
import type { Placement } from '../schemas/placement.ts';
import { activityDomains, type ActivityDomain, type Post } from '../schemas/post.ts';

/*
 * Demonstration data for a SPIP of Lorraine: host organisations of every kind over four départements with
 * their habilitations and tutors, posts in every activity domain, persons and measures in every status and
 * kind, placements, hour logs over the last year and incidents. Everything goes through the repositories,
 * so every rule holds and every record is in the change log. Dates are relative to the context clock; the
 * same seed on the same day gives the same content.
 */

export interface DemoProgress {
  step: string;
  done: number;
  total: number;
}

export interface DemoOptions {
  seed: number;
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoSummary {
  organisations: number;
  posts: number;
  persons: number;
  measures: number;
}

interface Commune {
  departement: string;
  name: string;
  code: string;
  postalCode: string;
}

const COMMUNES: readonly Commune[] = [
  { departement: '54', name: 'Nancy', code: '54395', postalCode: '54000' },
  { departement: '54', name: 'Vandœuvre-lès-Nancy', code: '54547', postalCode: '54500' },
  { departement: '54', name: 'Lunéville', code: '54329', postalCode: '54300' },
  { departement: '54', name: 'Toul', code: '54528', postalCode: '54200' },
  { departement: '54', name: 'Pont-à-Mousson', code: '54431', postalCode: '54700' },
  { departement: '54', name: 'Laxou', code: '54304', postalCode: '54520' },
  { departement: '54', name: 'Longwy', code: '54323', postalCode: '54400' },
  { departement: '57', name: 'Metz', code: '57463', postalCode: '57000' },
  { departement: '57', name: 'Thionville', code: '57672', postalCode: '57100' },
  { departement: '57', name: 'Forbach', code: '57227', postalCode: '57600' },
  { departement: '57', name: 'Sarreguemines', code: '57631', postalCode: '57200' },
  { departement: '57', name: 'Montigny-lès-Metz', code: '57480', postalCode: '57950' },
  { departement: '88', name: 'Épinal', code: '88160', postalCode: '88000' },
  { departement: '88', name: 'Saint-Dié-des-Vosges', code: '88413', postalCode: '88100' },
  { departement: '88', name: 'Remiremont', code: '88383', postalCode: '88200' },
  { departement: '88', name: 'Gérardmer', code: '88196', postalCode: '88400' },
  { departement: '55', name: 'Bar-le-Duc', code: '55029', postalCode: '55000' },
  { departement: '55', name: 'Verdun', code: '55545', postalCode: '55100' },
  { departement: '55', name: 'Commercy', code: '55122', postalCode: '55200' },
];

/** Names of host organisations by kind, `de {c}` standing for « de » and the commune (« d’Épinal », « du Havre »). */
const ORGANISATION_NAMES: Record<OrganisationKind, readonly string[]> = {
  organisme_public: [
    'Centre hospitalier de {c}',
    'EHPAD public de {c}',
    'Lycée professionnel de {c}',
    'Office national des forêts, agence de {c}',
    'Archives municipales de {c}',
    'Centre des finances publiques de {c}',
    'Musée de {c}',
    'Conservatoire de {c}',
  ],
  prive_mission_service_public: [
    'Régie des transports de {c}',
    'Office de l’habitat de {c}',
    'Régie de l’eau de {c}',
    'Société d’économie mixte de {c}',
    'Clinique mutualiste de {c}',
    'Syndicat de traitement des déchets de {c}',
  ],
  collectivite_territoriale: ['Mairie de {c}', 'Communauté de communes de {c}', 'Centre communal d’action sociale de {c}', 'Services techniques de {c}'],
  association: [
    'Les Jardins partagés de {c}',
    'Ressourcerie de {c}',
    'Épicerie solidaire de {c}',
    'Club sportif de {c}',
    'Aide à domicile de {c}',
    'Maison des jeunes et de la culture de {c}',
    'Amis du patrimoine de {c}',
    'Refuge animalier de {c}',
    'Restaurant social de {c}',
    'Chantier d’insertion de {c}',
  ],
};

const ORGANISATION_COUNTS: Record<OrganisationKind, number> = {
  organisme_public: 8,
  prive_mission_service_public: 6,
  collectivite_territoriale: 12,
  association: 14,
};

const POST_TITLES: Record<ActivityDomain, readonly string[]> = {
  espaces_verts: ['Entretien des espaces verts', 'Tonte et taille des haies', 'Désherbage des allées'],
  entretien_nettoyage: ['Nettoyage des locaux', 'Entretien de la voirie', 'Nettoyage des véhicules'],
  restauration: ['Aide en cuisine', 'Service en salle', 'Plonge'],
  logistique: ['Tri et rangement des dons', 'Manutention en entrepôt', 'Préparation des colis'],
  aide_personne: ['Accompagnement des résidents', 'Aide aux repas', 'Distribution alimentaire'],
  patrimoine_culture: ['Restauration de murets', 'Accueil au musée', 'Classement des archives'],
  sport: ['Entretien des terrains de sport', 'Aide à l’encadrement sportif', 'Entretien du gymnase'],
  environnement_recyclage: ['Tri des déchets', 'Réparation d’objets', 'Nettoyage des berges'],
  administratif: ['Saisie et classement', 'Accueil téléphonique', 'Mise sous pli'],
  batiment: ['Peinture des locaux', 'Petits travaux de maçonnerie', 'Rénovation de mobilier'],
  animation: ['Aide à l’animation des ateliers', 'Préparation des fêtes de quartier', 'Aide aux activités périscolaires'],
  autre: ['Entretien du refuge', 'Aide au chenil', 'Renfort polyvalent'],
};

const STATUS_PLAN: Record<MeasureStatus, number> = { a_affecter: 20, en_cours: 55, suspendue: 10, terminee: 55, echue: 15, revoquee: 12, transferee: 13 };

const HOURS: Record<MeasureKind, readonly number[]> = {
  tig_peine: [70, 105, 140, 175, 210, 280, 350],
  sursis_probatoire_tig: [70, 105, 140, 210, 280],
  tnr: [10, 20, 30, 40],
  reparation_penale: [8, 12, 16, 20],
  stage: [14, 21, 28],
  activite_de_jour: [40, 60, 80],
};

const SUSPENSION_REASONS = ['Incarcération', 'Raison médicale grave', 'Motif familial grave', 'Motif professionnel'];
const INCIDENTS: Record<IncidentKind, readonly string[]> = {
  absence_injustifiee: ['Absent sans prévenir le tuteur', 'Ne s’est pas présenté à la prise de poste'],
  retard: ['Arrivé avec une heure de retard', 'Retards répétés signalés par le tuteur'],
  comportement: ['Propos déplacés envers un agent', 'Refus des consignes de sécurité'],
  accident: ['Coupure légère à la main, soins sur place', 'Chute sans gravité dans l’escalier'],
  autre: ['Téléphone utilisé pendant le service malgré la consigne', 'Tenue de travail oubliée'],
};

/** 0 = Sunday. */
const weekday = (iso: string) => (dayNumber(iso) + 4) % 7;

interface Host {
  kind: OrganisationKind;
  habilitated: boolean;
}

class DemoBuilder {
  private readonly f: Faker;
  private readonly today: string;
  private readonly hosts = new Map<string, Host>();
  private readonly posts: Post[] = [];
  private readonly counsellors: string[];
  private readonly siretBase: number;

  constructor(seed: number, today: string) {
    this.f = new Faker({ locale: [fr, base], seed });
    this.today = today;
    this.counsellors = Array.from({ length: 6 }, () => this.f.person.fullName());
    this.siretBase = this.f.number.int({ min: 100_000, max: 899_999 });
  }

  private int(min: number, max: number): number {
    return this.f.number.int({ min, max });
  }

  private pick<T>(items: readonly T[]): T {
    return this.f.helpers.arrayElement(items);
  }

  private chance(probability: number): boolean {
    return this.f.datatype.boolean({ probability });
  }

  private daysAgo(min: number, max: number): string {
    return addDays(this.today, -this.int(min, max));
  }

  async organisations(w: Writer): Promise<void> {
    let n = 0;
    const withdrawn = this.int(0, ORGANISATION_COUNTS.association - 1);
    let expiringSoon = 4;
    for (const kind of Object.keys(ORGANISATION_COUNTS) as OrganisationKind[]) {
      const names = this.f.helpers.shuffle([...ORGANISATION_NAMES[kind]]);
      for (let i = 0; i < ORGANISATION_COUNTS[kind]; i++) {
        n++;
        const commune = COMMUNES[(n * 7) % COMMUNES.length]!;
        const organisation = await createOrganisationIn(w, {
          name: names[i % names.length]!.replace('de {c}', ofPlace(commune.name)),
          kind,
          siret: withSiretKey(`${kind === 'collectivite_territoriale' || kind === 'organisme_public' ? 2 : 4}${this.siretBase}${String(n).padStart(6, '0')}`),
          street: this.f.location.streetAddress(),
          postalCode: commune.postalCode,
          communeCode: commune.code,
          communeName: commune.name,
          departement: commune.departement,
          contactName: this.f.person.fullName(),
          contactPhone: this.f.phone.number({ style: 'national' }),
          contactEmail: this.f.internet.email({ provider: 'exemple.fr' }).toLowerCase(),
        });
        let habilitated = isHabilitationRequired(kind);
        if (habilitated) {
          const validFrom = this.daysAgo(800, 1800);
          const soon = expiringSoon > 0 && kind !== 'association';
          if (soon) expiringSoon--;
          const validUntil = soon ? addDays(this.today, this.int(10, 55)) : this.chance(0.2) ? undefined : addDays(this.today, this.int(200, 1400));
          const isWithdrawn = kind === 'association' && i === withdrawn;
          await createHabilitationIn(w, {
            organisationId: organisation.id,
            decisionDate: addDays(validFrom, -this.int(10, 40)),
            validFrom,
            ...(validUntil ? { validUntil } : {}),
            ...(isWithdrawn ? { withdrawnOn: this.daysAgo(20, 60) } : {}),
          });
          habilitated = !isWithdrawn;
        }
        this.hosts.set(organisation.id, { kind, habilitated });
        const tutorIds: string[] = [];
        for (let t = 0; t < this.int(1, 2); t++) {
          const trained = this.chance(0.6);
          const tutor = await createTutorIn(w, {
            organisationId: organisation.id,
            lastName: this.f.person.lastName(),
            firstName: this.f.person.firstName(),
            role: this.pick(['Responsable technique', 'Chef d’équipe', 'Agent de maîtrise', 'Coordinatrice bénévole', 'Responsable de site']),
            phone: this.f.phone.number({ style: 'national' }),
            trained,
            ...(trained ? { trainedOn: this.daysAgo(100, 1500) } : {}),
          });
          tutorIds.push(tutor.id);
        }
        for (let p = 0; p < 2; p++) {
          const index = this.posts.length;
          const domain = index < activityDomains.length ? activityDomains[index]! : this.pick(activityDomains);
          this.posts.push(
            await createPostIn(w, {
              organisationId: organisation.id,
              tutorIds: this.chance(0.3) ? tutorIds : [tutorIds[0]!],
              title: this.pick(POST_TITLES[domain]),
              domain,
              communeCode: commune.code,
              communeName: commune.name,
              departement: commune.departement,
              schedule: this.pick([
                'Du lundi au vendredi, 8 h – 12 h',
                'Lundi, mercredi et vendredi, 9 h – 16 h',
                'Mardi et jeudi, 8 h 30 – 17 h',
                'Samedi matin, 8 h – 12 h',
              ]),
              capacity: this.pick([1, 2, 2, 3, 4]),
              openToMinors: this.chance(0.3),
              accessiblePmr: this.chance(0.3),
              active: index < 75 || this.chance(0.2),
              description: `${this.pick(POST_TITLES[domain])} sous la conduite du tuteur, tenue de travail fournie.`,
            }),
          );
        }
      }
    }
  }

  async person(w: Writer, index: number, minor: boolean): Promise<Person> {
    const commune = this.pick(COMMUNES);
    const birthDate = minor ? addDays(this.today, -this.int(16 * 365 + 200, 18 * 365 - 30)) : addDays(this.today, -this.int(19 * 365, 60 * 365));
    return createPersonIn(w, {
      lastName: this.f.person.lastName(),
      firstName: this.f.person.firstName(),
      birthDate,
      caseNumber: `${this.int(2019, Number(this.today.slice(0, 4)))}/${String(10_000 + index * 37).padStart(5, '0')}`,
      communeCode: commune.code,
      communeName: commune.name,
      departement: commune.departement,
      phone: this.f.phone.number({ style: 'national' }),
      counsellor: this.pick(this.counsellors),
    });
  }

  /** Days of [from, to] on the given weekdays outside the excluded span, `count` of them spread evenly. */
  private workDays(from: string, to: string, weekdays: readonly number[], count: number, exclude?: { from: string; to: string }): string[] {
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (weekdays.includes(weekday(d)) && !(exclude && d >= exclude.from && d <= exclude.to)) days.push(d);
    }
    if (days.length <= count) return days;
    if (count === 1) return [days[days.length - 1]!];
    // The first and the last day are worked: a running placement has hours up to this week.
    const step = (days.length - 1) / (count - 1);
    return Array.from({ length: count }, (_, i) => days[Math.round(i * step)]!);
  }

  /** Hours of successive days adding up to `total` exactly, a day never above 7. */
  private split(total: number): number[] {
    const parts: number[] = [];
    let left = total;
    while (left > 7) {
      const h = Math.min(left, this.pick([7, 7, 6, 5, 4, 3.5, 3]));
      parts.push(h);
      left -= h;
    }
    if (left > 0) parts.push(left);
    return parts;
  }

  private async place(w: Writer, measure: Measure, minor: boolean, startDate: string, plannedEnd: string): Promise<Placement | undefined> {
    const candidates = this.f.helpers.shuffle(
      this.posts.filter((p) => p.active && this.hosts.get(p.organisationId)?.habilitated !== false && (!minor || p.openToMinors)),
    );
    for (const post of candidates) {
      try {
        return await createPlacementIn(w, { measureId: measure.id, postId: post.id, startDate, plannedEnd, weeklySchedule: post.schedule });
      } catch (error) {
        if (!(error instanceof RepoError)) throw error;
      }
    }
    return undefined;
  }

  /**
   * A placement's days of hours. The first and the last go through `logHours`, which checks every limit and
   * moves the placement and the measure on (running, then completed); those between only add a log each, so
   * they are written in one bulk request (`insertHourLogs`) with the same records and change rows.
   */
  private async log(w: Writer, measure: Measure, placement: Placement, days: readonly string[], hours: readonly number[]): Promise<void> {
    const inputs = days.map((date, i) => ({
      measureId: measure.id,
      personId: measure.personId,
      placementId: placement.id,
      date,
      hours: hours[i]!,
      confirmedByTutor: daysBetween(date, this.today) > 7 || this.chance(0.4),
      ...(this.chance(0.05) ? { comment: this.pick(['Très bon investissement', 'Travail soigné', 'Parti plus tôt avec l’accord du tuteur']) } : {}),
    }));
    const [first, ...rest] = inputs;
    if (!first) return;
    await logHours(w, first);
    const last = rest.pop();
    await insertHourLogs(w, rest);
    if (last) await logHours(w, last);
  }

  private async incident(w: Writer, measure: Measure, placement: Placement | undefined, date: string, report: boolean): Promise<void> {
    const kind = this.pick(Object.keys(INCIDENTS) as IncidentKind[]);
    const reportedOn = report ? minDate(this.today, addDays(date, this.int(1, 10))) : undefined;
    await createIncidentIn(w, {
      measureId: measure.id,
      ...(placement ? { placementId: placement.id } : {}),
      date,
      kind,
      description: this.pick(INCIDENTS[kind]),
      ...(reportedOn ? { reportedToJapOn: reportedOn } : {}),
    });
  }

  /**
   * One measure, made to reach `status` by the same steps a counsellor would take: decision, placement, hours,
   * suspension, revocation, transfer or deadline. The person's measures use different weekdays, so their
   * hours never meet on one day.
   */
  async measure(w: Writer, person: Person, status: MeasureStatus, weekdays: readonly number[]): Promise<void> {
    const minor = daysBetween(person.birthDate, this.today) < 18 * 365;
    let kind: MeasureKind = minor
      ? this.pick(['reparation_penale', 'reparation_penale', 'stage', 'tig_peine'])
      : this.pick(['tig_peine', 'tig_peine', 'tig_peine', 'sursis_probatoire_tig', 'sursis_probatoire_tig', 'tnr', 'stage', 'activite_de_jour']);
    const category: OffenceCategory = this.chance(0.15) ? 'contravention_5e' : 'delit';
    // A TNR keeps to its legal maximum and its short period (art. 41-2 and 41-3 CPP): a recent decision.
    const tnr = kind === 'tnr' ? TNR_LIMITS[category] : undefined;
    const hoursOrdered =
      category === 'contravention_5e' && (kind === 'tig_peine' || kind === 'sursis_probatoire_tig')
        ? this.pick([20, 35, 50, 70, 105])
        : this.pick(HOURS[kind].filter((h) => h <= (tnr?.maxHours ?? h)));
    // Most stages are ordered in days (a day of 7 hours each); the other measures in hours.
    const daysOrdered = kind === 'stage' && this.chance(0.7) ? this.pick([1, 2, 3]) : undefined;
    const dailyHours = daysOrdered ? Array.from({ length: daysOrdered }, () => 7) : this.split(hoursOrdered);
    // Working back from how long the hours take, so that every date falls where the rules want it.
    const span = Math.ceil(dailyHours.length / weekdays.length) * 7 + 14;
    // Some open measures are due within 60 days, so the dashboard has deadlines to show.
    const near = (status === 'en_cours' || status === 'a_affecter') && !minor && !tnr && this.chance(0.15);
    const lead = this.int(10, 30);
    const ago = near
      ? daysBetween(addMonths(addDays(this.today, this.int(15, 55)), -12), this.today) + lead
      : status === 'echue'
        ? this.int(450, 640)
        : status === 'terminee'
          ? this.int(span + 80, span + 330)
          : tnr
            ? this.int(lead + 5, lead + 30)
            : status === 'a_affecter'
              ? this.int(15, 150)
              : minor
                ? this.int(60, 170)
                : this.int(60, 420);
    const decisionDate = addDays(this.today, -ago);
    const sixteenth = addMonths(person.birthDate, 16 * 12);
    let offenceDate = addDays(decisionDate, -this.int(30, 300));
    if (kind === 'tig_peine' || kind === 'sursis_probatoire_tig') {
      if (sixteenth > decisionDate) kind = 'reparation_penale';
      else offenceDate = maxDate(offenceDate, sixteenth);
    }
    const city = this.pick(COMMUNES).name;
    const jurisdiction =
      kind === 'tnr'
        ? `Procureur de la République de ${city}`
        : kind === 'reparation_penale'
          ? `Tribunal pour enfants de ${city}`
          : category === 'contravention_5e'
            ? `Tribunal de police de ${city}`
            : `Tribunal correctionnel de ${city}`;
    const periodStart = addDays(decisionDate, lead);
    // Open measures keep their deadline ahead, expired ones well behind.
    const periodMonths = tnr
      ? tnr.maxMonths
      : near || status === 'echue'
        ? 12
        : status === 'a_affecter' && this.chance(0.3)
          ? 6
          : ago > 300
            ? 18
            : this.pick([12, 18, 18]);
    let measure = await createMeasureIn(w, {
      personId: person.id,
      kind,
      jurisdiction,
      decisionDate,
      offenceDate,
      offenceCategory: category,
      ...(daysOrdered ? { daysOrdered } : { hoursOrdered }),
      periodStart,
      periodMonths,
      ...(this.chance(0.2)
        ? { notes: this.pick(['Obligation de soins en parallèle', 'Horaires aménagés pour raison professionnelle', 'Pas de permis de conduire']) }
        : {}),
    });
    if (status === 'a_affecter') return;
    const deadline = measureDeadline(measure, this.today).deadline;

    if (status === 'transferee' && this.chance(0.4)) {
      await transferMeasureIn(w, measure.id, this.daysAgo(1, Math.min(ago - 1, 60)));
      return;
    }
    if (status === 'echue' && this.chance(0.3)) {
      await expireMeasureIn(w, measure.id);
      return;
    }

    const future = status === 'en_cours' && this.chance(0.1);
    const start = future ? addDays(this.today, this.int(3, 20)) : addDays(periodStart, this.int(5, 25));
    const planned = status === 'terminee' ? addDays(start, span) : status === 'echue' ? deadline : addDays(maxDate(this.today, start), this.int(20, 120));
    const placement = await this.place(w, measure, minor, start, minDate(planned, deadline));
    if (!placement) return;

    if (status === 'terminee') {
      await this.log(w, measure, placement, this.workDays(start, minDate(placement.plannedEnd, this.today), weekdays, dailyHours.length), dailyHours);
      return;
    }
    if (future) return;

    // Stop short of the hours ordered; some placements have had no hours for weeks.
    const lastDay = minDate(placement.plannedEnd, status === 'en_cours' && this.chance(0.15) ? this.daysAgo(16, 40) : this.today);
    const share = status === 'echue' ? 0.6 : 0.95;
    const partShare = share * this.f.number.float({ min: 0.4, max: 1 });
    const partial = daysOrdered ? dailyHours.slice(0, Math.floor(daysOrdered * partShare)) : this.split(Math.floor(hoursOrdered * partShare));
    let suspension: { from: string; to: string } | undefined;
    if (status === 'en_cours' && this.chance(0.2) && daysBetween(start, lastDay) > 60) {
      const from = addDays(start, this.int(10, 30));
      suspension = { from, to: addDays(from, this.int(7, 25)) };
    }
    let endOfWork = lastDay;
    if (status === 'suspendue') endOfWork = minDate(lastDay, this.daysAgo(5, 40));
    if (status === 'revoquee' || status === 'transferee') endOfWork = minDate(lastDay, this.daysAgo(5, 60));
    const days = endOfWork >= start ? this.workDays(start, endOfWork, weekdays, partial.length, suspension) : [];
    await this.log(w, measure, placement, days, partial);
    if (suspension) measure = await updateMeasureIn(w, measure.id, { suspensions: [{ ...suspension, reason: this.pick(SUSPENSION_REASONS) }] });

    const lastWorked = days[days.length - 1] ?? start;
    if (status === 'revoquee') {
      for (let i = 0; i < this.int(1, 3); i++)
        await this.incident(w, measure, placement, minDate(this.today, addDays(lastWorked, i * 3 + 1)), this.chance(0.7));
      await revokeMeasureIn(w, measure.id, minDate(this.today, addDays(lastWorked, this.int(12, 30))));
    } else if (status === 'transferee') {
      await transferMeasureIn(w, measure.id, minDate(this.today, addDays(lastWorked, this.int(1, 20))));
    } else if (status === 'suspendue') {
      const from = minDate(this.today, addDays(endOfWork, this.int(1, 4)));
      await suspendMeasureIn(w, measure.id, {
        from,
        reason: this.pick(SUSPENSION_REASONS),
        ...(this.chance(0.3) ? { to: addDays(this.today, this.int(10, 60)) } : {}),
      });
    } else if (status === 'echue') {
      await expireMeasureIn(w, measure.id);
    } else if (days.length > 0 && this.chance(0.25)) {
      await this.incident(w, measure, placement, this.pick(days), this.chance(0.5));
    }
  }

  statuses(): MeasureStatus[] {
    return this.f.helpers.shuffle(Object.entries(STATUS_PLAN).flatMap(([status, count]) => Array<MeasureStatus>(count).fill(status as MeasureStatus)));
  }

  minorFlags(count: number): boolean[] {
    return Array.from({ length: count }, (_, i) => i % 12 === 5);
  }

  /** Persons with a second measure: adults only. */
  repeaters(minors: readonly boolean[], count: number): number[] {
    const adults = minors.flatMap((minor, i) => (minor ? [] : [i]));
    return this.f.helpers.arrayElements(adults, count);
  }
}

const PERSONS = 150;
const BATCH = 15;

/** Fill an empty site database with demonstration data; refused when the site already has records. */
export async function loadDemoData(ctx: RepoContext, options: DemoOptions): Promise<DemoSummary> {
  // One transaction: a failure anywhere leaves the database empty, so the user can simply try again.
  await writeTransaction(ctx, (w) => loadDemoDataIn(cachingWriter(w), options), { logAtEnd: true });
  options.onProgress?.({ step: 'Terminé', done: 3, total: 3 });
  return {
    organisations: await ctx.db.organisations.count(),
    posts: await ctx.db.posts.count(),
    persons: await ctx.db.persons.count(),
    measures: await ctx.db.measures.count(),
  };
}

/** The TIG demonstration data, inside the caller's transaction. */
export async function loadDemoDataIn(w: Writer, options: DemoOptions): Promise<void> {
  const { onProgress } = options;
  if ((await w.table('person').count()) > 0 || (await w.table('organisation').count()) > 0) {
    throw new RepoError('La base contient déjà des données : les données de démonstration ne se chargent que dans une base vide.');
  }
  const builder = new DemoBuilder(options.seed, today(w));
  onProgress?.({ step: 'Structures, habilitations, tuteurs et postes', done: 0, total: 3 });
  await builder.organisations(w);

  onProgress?.({ step: 'Personnes', done: 1, total: 3 });
  const minors = builder.minorFlags(PERSONS);
  const persons: Person[] = [];
  for (let i = 0; i < PERSONS; i++) persons.push(await builder.person(w, i, minors[i]!));

  const statuses = builder.statuses();
  const repeaters = builder.repeaters(minors, statuses.length - PERSONS);
  const plan = statuses.map((status, i) => {
    const second = i >= PERSONS;
    return { person: persons[second ? repeaters[i - PERSONS]! : i]!, status, weekdays: second ? [2, 4] : [1, 3, 5] };
  });
  for (let i = 0; i < plan.length; i++) {
    if (i % BATCH === 0) onProgress?.({ step: 'Mesures, mises en situation, heures et incidents', done: 2 + i / plan.length, total: 3 });
    const item = plan[i]!;
    await builder.measure(w, item.person, item.status, item.weekdays);
  }
}

import type * as z from 'zod';
import type { Gender } from '../format/agreement.ts';
import { habilitationFields, habilitationSchema } from './habilitation.ts';
import { hourLogFields, hourLogSchema } from './hourLog.ts';
import { incidentFields, incidentSchema } from './incident.ts';
import { measureFields, measureSchema } from './measure.ts';
import { organisationFields, organisationSchema } from './organisation.ts';
import { personFields, personSchema } from './person.ts';
import { placementFields, placementSchema } from './placement.ts';
import { postFields, postSchema } from './post.ts';
import { tutorFields, tutorSchema } from './tutor.ts';
import { agreementFields, agreementSchema } from './agreement.ts';
import { attendanceFields, attendanceSchema } from './attendance.ts';
import { enrolmentFields, enrolmentSchema } from './enrolment.ts';
import { establishmentProfileFields, establishmentProfileSchema } from './establishmentProfile.ts';
import { partnerFields, partnerSchema } from './partner.ts';
import { programmeFields, programmeSchema } from './programme.ts';
import { sessionFields, sessionSchema } from './session.ts';
import { workshopFigureFields, workshopFigureSchema } from './workshopFigure.ts';
import { accountFields, accountSchema } from './account.ts';

/**
 * Every entity that a site writes and syncs: its Dexie table, the schema of what a user types (`fields`,
 * used by forms, CSV import and the repositories) and the schema of the stored record (`schema`, used by
 * sync validation). Adding an entity here is what makes the repositories, the change log and sync know it.
 */
export const entities = {
  organisation: { table: 'organisations', label: 'Structure d’accueil', gender: 'f', fields: organisationFields, schema: organisationSchema },
  habilitation: { table: 'habilitations', label: 'Habilitation', gender: 'f', fields: habilitationFields, schema: habilitationSchema },
  tutor: { table: 'tutors', label: 'Tuteur', gender: 'm', fields: tutorFields, schema: tutorSchema },
  post: { table: 'posts', label: 'Poste de TIG', gender: 'm', fields: postFields, schema: postSchema },
  person: { table: 'persons', label: 'Personne', gender: 'f', fields: personFields, schema: personSchema },
  measure: { table: 'measures', label: 'Mesure', gender: 'f', fields: measureFields, schema: measureSchema },
  placement: { table: 'placements', label: 'Mise en situation', gender: 'f', fields: placementFields, schema: placementSchema },
  hourLog: { table: 'hourLogs', label: 'Saisie d’heures', gender: 'f', fields: hourLogFields, schema: hourLogSchema },
  incident: { table: 'incidents', label: 'Incident', gender: 'm', fields: incidentFields, schema: incidentSchema },
  partner: { table: 'partners', label: 'Partenaire', gender: 'm', fields: partnerFields, schema: partnerSchema },
  agreement: { table: 'agreements', label: 'Accord ou convention', gender: 'm', fields: agreementFields, schema: agreementSchema },
  establishmentProfile: {
    table: 'establishmentProfiles',
    label: 'Fiche établissement',
    gender: 'f',
    fields: establishmentProfileFields,
    schema: establishmentProfileSchema,
  },
  programme: { table: 'programmes', label: 'Programme', gender: 'm', fields: programmeFields, schema: programmeSchema },
  session: { table: 'sessions', label: 'Séance', gender: 'f', fields: sessionFields, schema: sessionSchema },
  enrolment: { table: 'enrolments', label: 'Inscription', gender: 'f', fields: enrolmentFields, schema: enrolmentSchema },
  attendance: { table: 'attendance', label: 'Présence', gender: 'f', fields: attendanceFields, schema: attendanceSchema },
  workshopFigure: { table: 'workshopFigures', label: 'Activité mensuelle d’atelier', gender: 'f', fields: workshopFigureFields, schema: workshopFigureSchema },
  account: { table: 'accounts', label: 'Compte', gender: 'm', fields: accountFields, schema: accountSchema, siteOnly: true },
} as const satisfies Record<string, EntityDef>;

export interface EntityDef {
  table: string;
  label: string;
  /** The label's gender, for the words that agree with it (« Mesure supprimée »). */
  gender: Gender;
  fields: z.ZodType<Record<string, unknown>>;
  schema: z.ZodType<Record<string, unknown>>;
  /** Travels between the office's workstations but never to headquarters: no bundle, no central export. */
  siteOnly?: true;
}

export type EntityName = keyof typeof entities;
export type EntityTable = (typeof entities)[EntityName]['table'];
export type EntityInput<E extends EntityName> = z.input<(typeof entities)[E]['fields']>;
export type EntityFields<E extends EntityName> = z.output<(typeof entities)[E]['fields']>;
export type EntityRecord<E extends EntityName> = z.output<(typeof entities)[E]['schema']>;

export const entityNames = Object.keys(entities) as EntityName[];

/** The entities that leave the site for headquarters (all but the `siteOnly` ones). */
export type CentralEntityName = { [E in EntityName]: (typeof entities)[E] extends { siteOnly: true } ? never : E }[EntityName];
export const centralEntityNames = entityNames.filter((e): e is CentralEntityName => !isSiteOnly(e));

export function isSiteOnly(entity: EntityName): boolean {
  return (entities[entity] as EntityDef).siteOnly === true;
}
export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(entities, name);
}

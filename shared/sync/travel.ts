import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { entities, entityNames, type EntityFields, type EntityName } from '../schemas/entities.ts';
import { MAX_SUSPENSIONS, suspensionSchema, type Suspension } from '../schemas/measure.ts';
import { ageBand, ageBands, pseudonymKeySchema } from './pseudonym.ts';

/**
 * What happens to one field of a record when it leaves the site:
 * - `travel`: as it is, checked at headquarters with the entity's own field schema;
 * - `withhold`: never leaves the site (identifying data, free text that may name someone);
 * - `pseudonym`: a person's id, replaced by the site's pseudonymous key of that person;
 * - a derivation: replaced by a value computed from it (`as` renames the field on the wire). `map` gets the
 *   calendar day the value was written, so the same change always gives the same wire value.
 */
export type FieldRule = 'travel' | 'withhold' | 'pseudonym' | Derivation;

export interface Derivation {
  as?: string;
  schema: z.ZodType;
  map(value: unknown, writtenOn: string): unknown;
}

export interface TravelPolicy<E extends EntityName> {
  /** `pseudonym` for persons: the record's own id is replaced by the pseudonymous key. */
  id: 'record' | 'pseudonym';
  /** Every field of the entity, so that adding a field to a schema forces a decision here. */
  fields: { [K in keyof EntityFields<E>]-?: FieldRule };
  /** Optional fields of which a created record carries at least one (what a measure ordered: hours or days). */
  oneOf?: readonly (readonly (keyof EntityFields<E> & string)[])[];
}

/**
 * A record in the recycle bin travels as binned since when: who binned it is a staff name (like the change log's
 * author, it stays) and the record it went with may be a person's id (never sent as it is).
 */
const inTheBin: Derivation = {
  schema: z.object({ at: z.iso.datetime() }).strict().optional(),
  map: (value) => (value && typeof value === 'object' && 'at' in value ? { at: (value as { at: string }).at } : null),
};

/**
 * The travel policy of every registered entity. It is a mapped type over the registry: registering an
 * entity without a policy does not compile (and a test checks it at run time), so nothing leaves a site by
 * default.
 */
export const travelPolicies: { [E in EntityName]: TravelPolicy<E> } = {
  organisation: {
    id: 'record',
    fields: {
      binned: inTheBin,
      name: 'travel',
      kind: 'travel',
      siret: 'travel',
      street: 'travel',
      postalCode: 'travel',
      communeCode: 'travel',
      communeName: 'travel',
      departement: 'travel',
      // A contact is a named person at the host: headquarters works with organisations, not with them.
      contactName: 'withhold',
      contactPhone: 'withhold',
      contactEmail: 'withhold',
      agreementId: 'travel',
      notes: 'withhold',
    },
  },
  habilitation: {
    id: 'record',
    fields: { binned: inTheBin, organisationId: 'travel', decisionDate: 'travel', validFrom: 'travel', validUntil: 'travel', withdrawnOn: 'travel' },
  },
  tutor: {
    id: 'record',
    fields: {
      binned: inTheBin,
      organisationId: 'travel',
      lastName: 'withhold',
      firstName: 'withhold',
      role: 'travel',
      phone: 'withhold',
      email: 'withhold',
      trained: 'travel',
      trainedOn: 'travel',
    },
  },
  post: {
    id: 'record',
    fields: {
      binned: inTheBin,
      organisationId: 'travel',
      tutorIds: 'travel',
      title: 'travel',
      domain: 'travel',
      communeCode: 'travel',
      communeName: 'travel',
      departement: 'travel',
      schedule: 'travel',
      capacity: 'travel',
      openToMinors: 'travel',
      accessiblePmr: 'travel',
      active: 'travel',
      description: 'travel',
    },
  },
  person: {
    id: 'pseudonym',
    fields: {
      binned: inTheBin,
      lastName: 'withhold',
      firstName: 'withhold',
      birthDate: {
        as: 'ageBand',
        schema: z.enum(ageBands).optional(),
        map: (birthDate, writtenOn) => (typeof birthDate === 'string' ? (ageBand(birthDate, writtenOn) ?? null) : null),
      },
      caseNumber: 'withhold',
      communeCode: 'withhold',
      communeName: 'withhold',
      departement: 'travel',
      phone: 'withhold',
      counsellor: 'withhold',
    },
  },
  measure: {
    id: 'record',
    fields: {
      binned: inTheBin,
      personId: 'pseudonym',
      kind: 'travel',
      jurisdiction: 'travel',
      decisionDate: 'travel',
      offenceDate: 'travel',
      offenceCategory: 'travel',
      hoursOrdered: 'travel',
      daysOrdered: 'travel',
      periodStart: 'travel',
      periodMonths: 'travel',
      // The reason of a suspension is free text about a person's health, family or work: only the dates travel.
      suspensions: {
        schema: z.array(z.object({ from: suspensionSchema.shape.from, to: suspensionSchema.shape.to }).strict()).max(MAX_SUSPENSIONS),
        map: (value) => (Array.isArray(value) ? (value as Suspension[]).map((s) => ({ from: s.from, to: s.to })) : null),
      },
      status: 'travel',
      endedOn: 'travel',
      notes: 'withhold',
    },
    oneOf: [['hoursOrdered', 'daysOrdered']],
  },
  placement: {
    id: 'record',
    fields: {
      binned: inTheBin,
      measureId: 'travel',
      postId: 'travel',
      personId: 'pseudonym',
      startDate: 'travel',
      plannedEnd: 'travel',
      weeklySchedule: 'travel',
      status: 'travel',
      endedOn: 'travel',
    },
  },
  hourLog: {
    id: 'record',
    fields: {
      binned: inTheBin,
      measureId: 'travel',
      personId: 'pseudonym',
      placementId: 'travel',
      attendanceId: 'travel',
      date: 'travel',
      hours: 'travel',
      confirmedByTutor: 'travel',
      comment: 'withhold',
    },
  },
  incident: {
    id: 'record',
    fields: {
      binned: inTheBin,
      measureId: 'travel',
      placementId: 'travel',
      personId: 'pseudonym',
      date: 'travel',
      kind: 'travel',
      description: 'withhold',
      reportedToJapOn: 'travel',
    },
  },
  partner: {
    id: 'record',
    fields: { binned: inTheBin, name: 'travel', kind: 'travel', scope: 'travel', notes: 'withhold' },
  },
  agreement: {
    id: 'record',
    fields: {
      partnerId: 'travel',
      kind: 'travel',
      title: 'travel',
      signedOn: 'travel',
      validFrom: 'travel',
      validUntil: 'travel',
      scope: 'travel',
      // What the signatory organisations undertake: reference text between organisations, sent to the sites.
      commitments: 'travel',
    },
  },
  establishmentProfile: {
    id: 'record',
    fields: {
      name: 'travel',
      disp: 'travel',
      communeCode: 'travel',
      communeName: 'travel',
      departement: 'travel',
      capacity: 'travel',
      productionArea: 'travel',
      storageArea: 'travel',
      domains: 'travel',
      // The establishment's work and training officer is who headquarters puts a company in touch with.
      officerName: 'travel',
      officerPhone: 'travel',
      officerEmail: 'travel',
      notes: 'withhold',
    },
  },
  programme: {
    id: 'record',
    fields: { kind: 'travel', title: 'travel', partnerId: 'travel', domain: 'travel', milieu: 'travel', places: 'travel', description: 'withhold' },
  },
  session: {
    id: 'record',
    fields: {
      binned: inTheBin,
      programmeId: 'travel',
      startDate: 'travel',
      endDate: 'travel',
      days: 'travel',
      hoursPerDay: 'travel',
      // Often a named volunteer of a partner association, like a tutor.
      facilitator: 'withhold',
      themes: 'travel',
    },
  },
  enrolment: {
    id: 'record',
    fields: { binned: inTheBin, sessionId: 'travel', personId: 'pseudonym', measureId: 'travel', status: 'travel' },
  },
  attendance: {
    id: 'record',
    fields: { binned: inTheBin, enrolmentId: 'travel', sessionId: 'travel', personId: 'pseudonym', date: 'travel', present: 'travel', hours: 'travel' },
  },
  workshopFigure: {
    id: 'record',
    fields: { programmeId: 'travel', month: 'travel', workers: 'travel', hoursWorked: 'travel' },
  },
  // Never in a bundle (entities.ts `siteOnly`); withheld field by field all the same, should one be built by hand.
  account: {
    id: 'record',
    fields: { login: 'withhold', name: 'withhold', role: 'withhold', password: 'withhold', disabled: 'withhold' },
  },
};

/** Field names every consolidated record uses for itself; no wire field may take one. */
export const envelopeKeys = ['entity', 'id', 'siteId', 'updatedAt', 'deleted'] as const;

/** The wire form of one entity: the schema of its id and of each field that travels, by wire name. */
export interface WireEntity {
  entity: EntityName;
  idSchema: z.ZodType<string>;
  fields: ReadonlyMap<string, WireField>;
  /** Groups of wire fields of which a created record carries at least one. */
  oneOf: readonly (readonly string[])[];
}

export interface WireField {
  name: string;
  schema: z.ZodType;
  /** May be absent or cleared (null on the wire). */
  optional: boolean;
}

function fieldShape(entity: EntityName): Record<string, z.ZodType> {
  const schema = entities[entity].fields as unknown as { shape?: Record<string, z.ZodType> };
  if (!schema.shape) throw new Error(`Entity ${entity}: its fields schema must be a zod object for its wire schema to be derived`);
  return schema.shape;
}

function deriveWireEntity(entity: EntityName): WireEntity {
  const policy = travelPolicies[entity] as TravelPolicy<EntityName>;
  const shape = fieldShape(entity);
  const fields = new Map<string, WireField>();
  for (const [name, source] of Object.entries(shape)) {
    const rule = (policy.fields as Record<string, FieldRule | undefined>)[name];
    if (rule === undefined) throw new Error(`Entity ${entity}: field ${name} has no travel rule`);
    if (name === 'personId' && rule !== 'pseudonym') throw new Error(`Entity ${entity}: personId must travel as a pseudonymous key`);
    if (rule === 'withhold') continue;
    const optional = source.safeParse(undefined).success;
    const wireName = typeof rule === 'object' ? (rule.as ?? name) : name;
    const schema = rule === 'travel' ? source : rule === 'pseudonym' ? (optional ? pseudonymKeySchema.optional() : pseudonymKeySchema) : rule.schema;
    fields.set(wireName, { name: wireName, schema, optional: schema.safeParse(undefined).success });
  }
  for (const name of (policy.oneOf ?? []).flat()) {
    if (!fields.get(name)?.optional) throw new Error(`Entity ${entity}: ${name}, in a one-of group, must be an optional field that travels`);
  }
  return { entity, idSchema: policy.id === 'pseudonym' ? pseudonymKeySchema : uuid, fields, oneOf: policy.oneOf ?? [] };
}

export const wireEntities: { readonly [E in EntityName]: WireEntity } = Object.fromEntries(entityNames.map((e) => [e, deriveWireEntity(e)])) as {
  [E in EntityName]: WireEntity;
};

/** A value as it leaves the site, or undefined when the field does not travel. */
export function toWireField(
  entity: EntityName,
  name: string,
  value: unknown,
  writtenOn: string,
  pseudonym: (personId: string) => string,
): { name: string; value: unknown } | undefined {
  const rule = (travelPolicies[entity].fields as Record<string, FieldRule | undefined>)[name];
  // A field the policy does not know (one a later version removed) stays on the site.
  if (rule === undefined || rule === 'withhold') return undefined;
  if (rule === 'travel') return { name, value };
  if (rule === 'pseudonym') return { name, value: typeof value === 'string' ? pseudonym(value) : null };
  return { name: rule.as ?? name, value: value === null ? null : rule.map(value, writtenOn) };
}

export function toWireId(entity: EntityName, id: string, pseudonym: (personId: string) => string): string {
  return travelPolicies[entity].id === 'pseudonym' ? pseudonym(id) : id;
}

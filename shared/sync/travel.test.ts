import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { entities, entityNames } from '../schemas/entities.ts';
import { ageBand, pseudonymizer, pseudonymKey } from './pseudonym.ts';
import { envelopeKeys, toWireField, travelPolicies, wireEntities, type FieldRule } from './travel.ts';

const secret = new Uint8Array(32).fill(7);

function shapeOf(schema: unknown): Record<string, z.ZodType> {
  return (schema as { shape: Record<string, z.ZodType> }).shape;
}

/** Paths of every object key named personId below the top level of a zod schema. */
function nestedPersonIds(schema: z.ZodType, path: string): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const found: string[] = [];
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      if (key === 'personId') found.push(`${path}.${key}`);
      found.push(...nestedPersonIds(child, `${path}.${key}`));
    }
  }
  for (const key of ['element', 'innerType', 'in', 'out', 'valueType']) {
    if (def[key]) found.push(...nestedPersonIds(def[key] as z.ZodType, path));
  }
  if (Array.isArray(def.options)) for (const option of def.options as z.ZodType[]) found.push(...nestedPersonIds(option, path));
  return found;
}

describe('travel policy', () => {
  it('has a policy for every registered entity, with a rule for every field', () => {
    for (const entity of entityNames) {
      const policy = travelPolicies[entity] as { fields: Record<string, FieldRule> } | undefined;
      expect(policy, `travel policy of ${entity}`).toBeDefined();
      expect(Object.keys(policy?.fields ?? {}).sort(), `fields of ${entity}`).toEqual(Object.keys(shapeOf(entities[entity].fields)).sort());
    }
  });

  it('turns every person id into the pseudonymous key, at any depth', () => {
    for (const entity of entityNames) {
      const shape = shapeOf(entities[entity].fields);
      for (const [name, schema] of Object.entries(shape)) {
        const rule = (travelPolicies[entity].fields as Record<string, FieldRule>)[name];
        if (name === 'personId') expect(rule, `${entity}.personId`).toBe('pseudonym');
        // A personId inside a structured field needs a derivation of its own: travelling as is would leak it.
        if (nestedPersonIds(schema, name).length > 0) expect(typeof rule, `${entity}.${name}`).toBe('object');
      }
    }
    expect(travelPolicies.person.id).toBe('pseudonym');
    const participants = z.object({ list: z.array(z.object({ personId: z.string() })).optional() });
    expect(nestedPersonIds(participants, 'f')).toEqual(['f.list.personId']);
  });

  it('lets a person travel only as an age band and a département', () => {
    expect([...wireEntities.person.fields.keys()].sort()).toEqual(['ageBand', 'departement']);
  });

  it('sends tutors without name or contact, and no free text that may name someone', () => {
    expect([...wireEntities.tutor.fields.keys()].sort()).toEqual(['organisationId', 'role', 'trained', 'trainedOn']);
    const withheld: [keyof typeof wireEntities, string][] = [
      ['incident', 'description'],
      ['hourLog', 'comment'],
      ['measure', 'notes'],
      ['organisation', 'notes'],
      ['organisation', 'contactName'],
      ['organisation', 'contactPhone'],
      ['organisation', 'contactEmail'],
    ];
    for (const [entity, field] of withheld) expect(wireEntities[entity].fields.has(field), `${entity}.${field}`).toBe(false);
    expect(
      toWireField(
        'measure',
        'suspensions',
        [{ from: '2026-01-01', to: '2026-02-01', reason: 'Hospitalisation de M. Durand' }],
        '2026-03-01',
        pseudonymizer(secret),
      ),
    ).toEqual({
      name: 'suspensions',
      value: [{ from: '2026-01-01', to: '2026-02-01' }],
    });
  });

  it('keeps the envelope keys of the central export free', () => {
    for (const entity of entityNames) {
      for (const key of envelopeKeys) expect(wireEntities[entity].fields.has(key), `${entity}.${key}`).toBe(false);
    }
  });

  it('withholds a field the policy does not know', () => {
    expect(toWireField('organisation', 'fieldFromAnOlderVersion', 'x', '2026-01-01', pseudonymizer(secret))).toBeUndefined();
  });
});

describe('pseudonymous keys', () => {
  it('are HMAC-SHA256 of the person id under the site secret', () => {
    const id = '019b8d2b-8c00-70f2-82ff-c8afac8981cb';
    const expected = createHmac('sha256', Buffer.from(secret)).update(`passerelle/person/v1:${id}`).digest('hex');
    expect(pseudonymKey(secret, id)).toBe(expected);
    expect(pseudonymKey(new Uint8Array(32).fill(8), id)).not.toBe(expected);
  });

  it('replace the person id wherever it is written', () => {
    const id = '019b8d2b-8c00-70f2-82ff-c8afac8981cb';
    expect(toWireField('hourLog', 'personId', id, '2026-01-01', pseudonymizer(secret))).toEqual({ name: 'personId', value: pseudonymKey(secret, id) });
  });
});

describe('age bands', () => {
  it('follow the birthday, not the year', () => {
    expect(ageBand('2010-06-15', '2026-06-14')).toBeUndefined();
    expect(ageBand('2010-06-15', '2026-06-15')).toBe('16-17');
    expect(ageBand('2008-06-15', '2026-06-14')).toBe('16-17');
    expect(ageBand('2008-06-15', '2026-06-15')).toBe('18-25');
    expect(ageBand('2000-06-15', '2026-06-14')).toBe('18-25');
    expect(ageBand('2000-06-15', '2026-06-15')).toBe('26-49');
    expect(ageBand('1976-06-15', '2026-06-14')).toBe('26-49');
    expect(ageBand('1976-06-15', '2026-06-15')).toBe('50+');
  });

  it('travel in place of the birth date, computed on the day it was written', () => {
    expect(toWireField('person', 'birthDate', '2000-06-15', '2026-06-15', pseudonymizer(secret))).toEqual({ name: 'ageBand', value: '26-49' });
    expect(toWireField('person', 'birthDate', '2012-01-01', '2026-06-15', pseudonymizer(secret))).toEqual({ name: 'ageBand', value: null });
  });
});

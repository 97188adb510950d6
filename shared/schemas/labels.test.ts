import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { entities, entityNames } from './entities.ts';
import { fieldLabels, orderedLabel } from './labels.ts';

describe('field labels', () => {
  it('name every field of every entity in French', () => {
    for (const entity of entityNames) {
      const schema = entities[entity].fields;
      const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
      expect(keys.length, entity).toBeGreaterThan(0);
      for (const key of keys) expect(fieldLabels[entity]?.[key], `${entity}.${key}`).toBeTruthy();
    }
  });

  it('name what a measure ordered after its field', () => {
    expect(orderedLabel('days')).toBe('Jours ordonnés');
    expect(orderedLabel('hours')).toBe('Heures ordonnées');
  });
});

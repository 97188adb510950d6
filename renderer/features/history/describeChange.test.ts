import { describe, expect, it } from 'vitest';
import { describeChange, formatField, formatValue } from './describeChange.ts';

describe('history lines', () => {
  it('say in French when, who, and each field written', () => {
    const line = describeChange({
      seq: 4,
      entity: 'organisation',
      recordId: 'r',
      op: 'update',
      clock: '2026-11-25T09:15:00.000Z-0000-dev',
      siteId: 's',
      deviceId: 'dev',
      by: 'Camille Martin',
      fields: { name: 'Mairie de Toul', notes: null },
    });
    expect(line).toEqual({
      key: '4',
      when: '25/11/2026 à 10:15',
      by: 'Camille Martin',
      where: 'poste dev',
      action: 'Modification',
      details: ['Nom de la structure : « Mairie de Toul »', 'Notes : (effacé)'],
    });
  });

  it('name the workstation behind each change: its name in the office, else its tag', () => {
    const change = {
      seq: 5,
      entity: 'organisation' as const,
      recordId: 'r',
      op: 'create' as const,
      clock: '2026-11-25T09:15:00.000Z-0000-019b8d63-4710-707d-bcd3-b51ec7800001',
      siteId: 's',
      deviceId: '019b8d63-4710-707d-bcd3-b51ec7800001',
      by: 'Camille Martin',
      fields: {},
    };
    expect(describeChange(change, new Map([[change.deviceId, 'Poste de l’accueil']])).where).toBe('Poste de l’accueil');
    expect(describeChange(change).where).toBe('poste b51ec7800001');
  });

  it('formats values the French way', () => {
    expect(formatValue('2026-03-01')).toBe('01/03/2026');
    expect(formatValue(true)).toBe('oui');
    expect(formatValue(12.5)).toBe('12,5');
    expect(formatValue([])).toBe('(aucun)');
  });

  it('shows coded values by their French label and links as a mention, not as codes and identifiers', () => {
    expect(formatField('measure', 'status', 'en_cours')).toBe('En cours');
    expect(formatField('organisation', 'kind', 'collectivite_territoriale')).toBe('Collectivité territoriale');
    expect(formatField('session', 'programmeId', '01a2144b-9709-7515-a834-9c4af606ab34')).toBe('fiche liée');
    expect(formatField('post', 'tutorIds', ['a', 'b'])).toBe('2 fiches liées');
    expect(formatField('programme', 'title', 'Atelier')).toBe('« Atelier »');
  });
});

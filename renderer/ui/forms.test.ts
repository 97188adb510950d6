import { describe, expect, it } from 'vitest';
import { organisationFields } from '../../shared/schemas/organisation.ts';
import { tutorFields } from '../../shared/schemas/tutor.ts';
import { blank, formSchema, frenchNumber, parseFrenchNumber, requiredDate, withoutBlanks } from './forms.ts';

describe('entity schemas read from a form', () => {
  it('turns blank inputs into no value, keeping the key so an edit clears the field', () => {
    expect(withoutBlanks({ name: ' Mairie ', siret: '  ', capacity: 2, trained: false, tutorIds: [] })).toEqual({
      name: ' Mairie ',
      siret: undefined,
      capacity: 2,
      trained: false,
      tutorIds: [],
    });
    const parsed = formSchema(organisationFields).parse({
      name: 'Mairie de Toul',
      kind: 'collectivite_territoriale',
      siret: '',
      contactPhone: ' ',
      communeName: 'Toul',
      departement: '54',
    });
    expect(parsed).toMatchObject({ name: 'Mairie de Toul', communeName: 'Toul' });
    expect(Object.keys(parsed)).toContain('contactPhone');
    expect(parsed.contactPhone).toBeUndefined();
  });

  it('keeps the entity’s own messages and cross-field rules', () => {
    const organisation = formSchema(organisationFields).safeParse({ name: ' ', kind: '', communeName: '', departement: '' });
    expect(organisation.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'Nom de la structure : champ obligatoire'],
      ['kind', 'Type de structure : choisissez une valeur de la liste'],
      ['communeName', 'Commune : champ obligatoire'],
      ['departement', 'Département : champ obligatoire'],
    ]);
    const tutor = formSchema(tutorFields).safeParse({
      organisationId: '01932f4e-8c3a-7000-8000-000000000001',
      lastName: 'Morel',
      firstName: 'Claire',
      trained: false,
      trainedOn: '2024-03-01',
    });
    expect(tutor.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['trainedOn', 'Date de formation : seulement pour un tuteur formé']]);
  });
});

describe('form fields', () => {
  it('reads numbers typed the French way, and says NaN for what is not one', () => {
    expect(parseFrenchNumber('3,5')).toBe(3.5);
    expect(parseFrenchNumber(' 3.75 ')).toBe(3.75);
    expect(parseFrenchNumber('1 234')).toBe(1234);
    expect(parseFrenchNumber('1\u202f234,5')).toBe(1234.5);
    for (const bad of ['', 'abc', '3,5h', '1e3', '3,5,5']) expect(parseFrenchNumber(bad)).toBeNaN();
  });

  it('turns blank fields into undefined', () => {
    expect(blank('  ')).toBeUndefined();
    expect(blank(undefined)).toBeUndefined();
    expect(blank(' Nancy ')).toBe('Nancy');
    expect(frenchNumber('')).toBeUndefined();
    expect(frenchNumber('7')).toBe(7);
  });

  it('names a missing date by its label, and a malformed one as invalid', () => {
    const date = requiredDate('Date de naissance');
    expect(date.safeParse(undefined).error?.issues[0]?.message).toBe('Date de naissance : champ obligatoire');
    expect(date.safeParse('2026-02-30').error?.issues[0]?.message).toBe('Date invalide (format attendu : jj/mm/aaaa)');
    expect(date.parse('2026-02-28')).toBe('2026-02-28');
  });
});

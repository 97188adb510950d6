import { describe, expect, it } from 'vitest';
import { organisationFields } from '../../../shared/schemas/organisation.ts';
import { tutorFields } from '../../../shared/schemas/tutor.ts';
import { formSchema, withoutBlanks } from './forms.ts';

describe('entity schemas read from a form', () => {
  it('turns blank inputs into no value, keeping the key so an edit clears the field', () => {
    expect(withoutBlanks({ name: ' Mairie ', siret: '  ', capacity: 2, trained: false, tutorIds: [] })).toEqual({ name: ' Mairie ', siret: undefined, capacity: 2, trained: false, tutorIds: [] });
    const parsed = formSchema(organisationFields).parse({ name: 'Mairie de Toul', kind: 'collectivite_territoriale', siret: '', contactPhone: ' ', communeName: 'Toul', departement: '54' });
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
    const tutor = formSchema(tutorFields).safeParse({ organisationId: '01932f4e-8c3a-7000-8000-000000000001', lastName: 'Morel', firstName: 'Claire', trained: false, trainedOn: '2024-03-01' });
    expect(tutor.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['trainedOn', 'Date de formation : seulement pour un tuteur formé']]);
  });
});

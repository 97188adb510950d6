import { describe, expect, it } from 'vitest';
import { isTransferable, matchingPersons, transferRefusal, type TransferRequest } from './transfers.ts';

const request: TransferRequest = {
  siteId: 'site-a',
  destination: { siteId: 'site-b', code: 'SPIP-57', name: 'SPIP de la Moselle', kind: 'spip', encryptionKey: 'ab'.repeat(32) },
  measures: [{ id: 'm1', status: 'en_cours', decisionDate: '2026-06-01', personId: 'p1' }],
  personId: 'p1',
  on: '2026-11-20',
  today: '2026-11-25',
};

describe('what a transfer may hand over', () => {
  it('accepts open measures only', () => {
    expect(['a_affecter', 'en_cours', 'suspendue'].map((status) => isTransferable({ status: status as 'en_cours' }))).toEqual([true, true, true]);
    expect(['terminee', 'echue', 'revoquee', 'transferee'].map((status) => isTransferable({ status: status as 'terminee' }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isTransferable({ status: 'en_cours', deleted: true })).toBe(false);
  });

  it('lets a valid transfer through', () => {
    expect(transferRefusal(request)).toBeUndefined();
    expect(transferRefusal({ ...request, on: request.today })).toBeUndefined();
  });

  it('says in French why a transfer cannot be written', () => {
    const cases: [Partial<TransferRequest>, string][] = [
      [{ destination: undefined }, 'Choisissez le site qui reprend le suivi dans l’annuaire des sites.'],
      [{ destination: { ...request.destination!, siteId: 'site-a' } }, 'Le dossier ne peut pas être transféré à votre propre site.'],
      [
        { destination: { ...request.destination!, kind: 'atigip', code: 'ATIGIP' } },
        'Le site ATIGIP ne suit pas de personnes : choisissez un SPIP, un établissement ou une unité de la PJJ.',
      ],
      [{ destination: { ...request.destination!, encryptionKey: undefined } }, 'Le site SPIP-57 n’a pas encore de clé de chiffrement dans l’annuaire'],
      [{ measures: [] }, 'Choisissez au moins une mesure à transférer.'],
      [{ measures: [{ ...request.measures[0]!, personId: 'p2' }] }, 'Une des mesures choisies concerne une autre personne.'],
      [{ measures: [{ ...request.measures[0]!, status: 'terminee' }] }, 'Une mesure au statut « Terminée » reste au site qui l’a suivie'],
      [{ on: '2026-11-26' }, 'La date de transfert ne peut être dans le futur.'],
      [{ on: '2026-05-31' }, 'La date de transfert ne peut précéder la décision (01/06/2026).'],
    ];
    for (const [over, message] of cases) expect(transferRefusal({ ...request, ...over })).toContain(message);
  });
});

describe('persons a received file may be', () => {
  it('match on names (accents, case, hyphens aside) and birth date, never a deleted person', () => {
    const received = { lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', birthDate: '1990-04-12' };
    const persons = [
      { id: 'same', lastName: 'LEFEVRE DUPONT', firstName: 'eloise', birthDate: '1990-04-12' },
      { id: 'other birth', lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', birthDate: '1990-04-13' },
      { id: 'other name', lastName: 'Lefèvre', firstName: 'Éloïse', birthDate: '1990-04-12' },
      { id: 'deleted', lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', birthDate: '1990-04-12', deleted: true as const },
    ];
    expect(matchingPersons(received, persons).map((p) => p.id)).toEqual(['same']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  coveredUntil,
  habilitationEndsBefore,
  habilitationEndWarning,
  habilitationError,
  habilitationState,
  isHabilitatedOn,
  isValidOn,
} from './habilitation.ts';

const h = (validFrom: string, validUntil?: string, withdrawnOn?: string) => ({ validFrom, validUntil, withdrawnOn });
const today = '2026-11-25';

describe('habilitation', () => {
  it('is valid from its start to its end, and no longer once withdrawn', () => {
    const hab = h('2025-01-01', '2027-12-31', '2026-12-01');
    expect(isValidOn(hab, '2024-12-31')).toBe(false);
    expect(isValidOn(hab, '2025-01-01')).toBe(true);
    expect(isValidOn(hab, '2026-11-30')).toBe(true);
    expect(isValidOn(hab, '2026-12-01')).toBe(false);
    expect(isValidOn(h('2025-01-01', '2026-06-30'), '2026-07-01')).toBe(false);
  });

  it('is not required of a public body, a collectivité territoriale included (art. 131-8 code pénal)', () => {
    for (const kind of ['organisme_public', 'collectivite_territoriale'] as const) {
      expect(isHabilitatedOn(kind, [], today)).toBe(true);
      expect(habilitationState(kind, [], today)).toEqual({ status: 'non_requise' });
    }
    for (const kind of ['association', 'prive_mission_service_public'] as const) {
      expect(isHabilitatedOn(kind, [], today)).toBe(false);
      expect(habilitationError('Les Jardins', kind, [], today)).toBe('La structure « Les Jardins » n’est pas habilitée pour le TIG le 25/11/2026');
    }
  });

  it('says valide, or expire dans moins de 60 jours', () => {
    expect(habilitationState('association', [h('2024-01-01')], today)).toEqual({ status: 'valide' });
    expect(habilitationState('association', [h('2024-01-01', '2027-01-24')], today)).toEqual({ status: 'valide', until: '2027-01-24' });
    expect(habilitationState('association', [h('2024-01-01', '2027-01-23')], today)).toEqual({ status: 'expire_bientot', until: '2027-01-23' });
  });

  it('follows a renewal that starts when the previous one ends', () => {
    const habs = [h('2024-01-01', '2026-12-31'), h('2027-01-01', '2029-12-31')];
    expect(coveredUntil(habs, today)).toBe('2029-12-31');
    expect(habilitationState('association', habs, today).status).toBe('valide');
    expect(coveredUntil([h('2024-01-01', '2026-12-31'), h('2027-01-02')], today)).toBe('2026-12-31');
    expect(coveredUntil([h('2024-01-01', '2026-12-31'), h('2026-06-01')], today)).toBeNull();
  });

  it('says expirée, retirée, pas encore en vigueur or aucune', () => {
    expect(habilitationState('association', [h('2020-01-01', '2025-12-31')], today)).toEqual({ status: 'expiree', until: '2025-12-31' });
    expect(habilitationState('association', [h('2020-01-01', undefined, '2026-10-01')], today)).toEqual({ status: 'retiree', until: '2026-10-01' });
    expect(habilitationState('association', [h('2020-01-01', '2025-12-31'), h('2027-01-01')], today)).toEqual({ status: 'expiree', until: '2025-12-31' });
    expect(habilitationState('association', [h('2027-01-01')], today)).toEqual({ status: 'a_venir', until: '2027-01-01' });
    expect(habilitationState('association', [], today)).toEqual({ status: 'aucune' });
  });

  it('reports the state on the date asked, not today’s', () => {
    const withdrawnLater = [h('2024-01-01', '2028-12-31', '2026-11-10')];
    expect(habilitationState('association', withdrawnLater, '2026-06-01')).toEqual({ status: 'valide', until: '2026-11-09' });
    expect(habilitationState('association', withdrawnLater, '2026-11-01')).toEqual({ status: 'expire_bientot', until: '2026-11-09' });
    expect(habilitationState('association', withdrawnLater, '2026-11-10')).toEqual({ status: 'retiree', until: '2026-11-10' });
    const ending = [h('2024-01-01', '2026-03-31')];
    expect(habilitationState('association', ending, '2026-03-31').status).toBe('expire_bientot');
    expect(habilitationState('association', ending, '2026-04-01')).toEqual({ status: 'expiree', until: '2026-03-31' });
    expect(habilitationState('association', ending, '2023-12-31')).toEqual({ status: 'a_venir', until: '2024-01-01' });
  });

  it('says why the last habilitation ended: expired before a later withdrawal, or withdrawn', () => {
    // Expired on 31 March, withdrawn on 1 June: on 1 July it had expired first.
    expect(habilitationState('association', [h('2024-01-01', '2026-03-31', '2026-06-01')], '2026-07-01')).toEqual({ status: 'expiree', until: '2026-03-31' });
    // A long habilitation withdrawn in 2025 ended after a short one that started later: it says retirée.
    const habs = [h('2020-01-01', '2030-12-31', '2025-01-01'), h('2024-01-01', '2024-06-30')];
    expect(habilitationState('association', habs, today)).toEqual({ status: 'retiree', until: '2025-01-01' });
    expect(habilitationState('association', habs, '2024-03-01')).toEqual({ status: 'valide', until: '2024-12-31' });
  });

  it('tells when a placement runs past the habilitation that covers its start, renewals followed', () => {
    expect(habilitationEndsBefore('association', [h('2024-01-01', '2027-01-10')], '2026-12-01', '2027-03-31')).toBe('2027-01-10');
    expect(habilitationEndsBefore('association', [h('2024-01-01', '2027-01-10')], '2026-12-01', '2027-01-10')).toBeUndefined();
    expect(habilitationEndsBefore('association', [h('2024-01-01', '2027-01-10'), h('2027-01-11')], '2026-12-01', '2027-03-31')).toBeUndefined();
    expect(habilitationEndsBefore('association', [h('2024-01-01', undefined, '2027-02-01')], '2026-12-01', '2027-03-31')).toBe('2027-01-31');
    expect(habilitationEndsBefore('collectivite_territoriale', [], '2026-12-01', '2027-03-31')).toBeUndefined();
    expect(habilitationEndWarning('Les Jardins', '2027-01-10')).toBe(
      'L’habilitation de « Les Jardins » n’est valable que jusqu’au 10/01/2027, avant la fin prévue de la mise en situation : sans renouvellement, aucune heure ne pourra y être saisie après cette date.',
    );
  });
});

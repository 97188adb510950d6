import { describe, expect, it } from 'vitest';
import { entityNames } from '../schemas/entities.ts';
import { roles, rolesOfSite } from '../schemas/account.ts';
import { actions, binActions, can, editAction, permissionTable, refusalOf, rolesAllowed } from './permissions.ts';

describe('the permission table', () => {
  it('lets only a cadre or an administrator delete a person or a measure, or empty the bin', () => {
    expect(rolesAllowed('measure.bin')).toEqual(['cadre', 'administrateur']);
    expect(rolesAllowed('bin.empty')).toEqual(['cadre', 'administrateur']);
    expect(binActions('measure')).toEqual(['followUp.edit', 'measure.bin']);
    expect(binActions('person')).toEqual(['followUp.edit', 'measure.bin']);
    expect(binActions('post')).toEqual(['hosts.edit']);
  });

  it('lets only an administrator manage accounts, keys, sync settings, restores and retention', () => {
    for (const action of ['accounts.manage', 'keys.manage', 'sync.settings', 'backup.restore', 'retention.manage'] as const) {
      expect(rolesAllowed(action), action).toEqual(['administrateur']);
    }
  });

  it('gives each site role its work: a CPIP follows persons, a référent TIG keeps hosts and posts', () => {
    expect(can('cpip', 'followUp.edit')).toBe(true);
    expect(can('cpip', 'hosts.edit')).toBe(false);
    expect(can('referentTig', 'hosts.edit')).toBe(true);
    expect(can('referentTig', 'followUp.edit')).toBe(false);
    expect(can('cadre', 'followUp.edit') && can('cadre', 'hosts.edit') && can('cadre', 'backup.write')).toBe(true);
    expect(can('cadre', 'accounts.manage')).toBe(false);
  });

  it('keeps the analyst at headquarters to consolidation and the national partners', () => {
    expect(permissionTable.analyste).toEqual(['partnerships.edit', 'hq.consolidate', 'sync.run']);
    expect(can('analyste', 'followUp.edit')).toBe(false);
    expect(rolesOfSite('atigip')).toEqual(['analyste', 'administrateur']);
    expect(rolesOfSite('spip')).toEqual(['cpip', 'referentTig', 'cadre', 'administrateur']);
  });

  it('gives the administrator every action, and every action to some role', () => {
    for (const action of actions) {
      expect(can('administrateur', action), action).toBe(true);
      expect(roles.filter((r) => can(r, action)).length, action).toBeGreaterThan(0);
    }
  });

  it('says what writing each entity needs, and accounts are the administrator’s', () => {
    for (const entity of entityNames) expect(actions).toContain(editAction[entity]);
    expect(editAction.account).toBe('accounts.manage');
    expect(editAction.hourLog).toBe('followUp.edit');
  });

  it('refuses in French, naming the roles to ask', () => {
    expect(refusalOf('cpip', 'measure.bin')).toBe(
      'Votre rôle (CPIP) ne permet pas la suppression d’une personne ou d’une mesure : demandez à un compte cadre ou administrateur.',
    );
  });
});

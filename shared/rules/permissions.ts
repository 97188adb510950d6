import type { EntityName } from '../schemas/entities.ts';
import { roles, type Role } from '../schemas/account.ts';

/*
 * Who may do what: one table, read by the repositories (every write), the bridge client (every call to the Node
 * side that changes keys, sync or backups) and the screens (which hide what a role may not do). Hiding a button
 * is a courtesy; the refusal is in the repositories and the bridge.
 */

export const actions = [
  'followUp.edit',
  'hosts.edit',
  'partnerships.edit',
  'workshops.edit',
  'measure.bin',
  'bin.empty',
  'accounts.manage',
  'keys.manage',
  'sync.settings',
  'sync.run',
  'backup.write',
  'backup.restore',
  'retention.manage',
  'hq.consolidate',
] as const;
export type Action = (typeof actions)[number];

/** What each action is, in the words of a refusal: « Votre rôle (…) ne permet pas <label>. » */
export const actionLabels: Record<Action, string> = {
  'followUp.edit': 'le suivi des personnes (personnes, mesures, mises en situation, heures, incidents)',
  'hosts.edit': 'les structures d’accueil, leurs habilitations, leurs tuteurs et leurs postes',
  'partnerships.edit': 'les partenaires et leurs accords',
  'workshops.edit': 'les programmes, séances, ateliers et présences',
  'measure.bin': 'la suppression d’une personne ou d’une mesure',
  'bin.empty': 'la suppression définitive depuis la corbeille',
  'accounts.manage': 'la gestion des comptes',
  'keys.manage': 'la gestion des clés',
  'sync.settings': 'les réglages de la synchronisation et des postes du bureau',
  'sync.run': 'les envois et réceptions de la synchronisation',
  'backup.write': 'l’écriture d’une sauvegarde',
  'backup.restore': 'la restauration d’une sauvegarde',
  'retention.manage': 'la durée de conservation et la purge',
  'hq.consolidate': 'la consolidation nationale (imports, sorties, sites)',
};

const ALL_SITE_WORK: readonly Action[] = ['followUp.edit', 'hosts.edit', 'partnerships.edit', 'workshops.edit'];

/**
 * The table. A CPIP follows persons and runs workshops; a référent TIG keeps hosts, posts, partners and sessions;
 * a cadre does all of it and alone (with the administrator) deletes a person or a measure, empties the bin and
 * writes backups; the administrator also manages accounts, keys, sync, restores and retention. At headquarters
 * the analyst consolidates and keeps the national partners; the administrator does that and manages the rest.
 */
export const permissionTable: Readonly<Record<Role, readonly Action[]>> = {
  cpip: ['followUp.edit', 'workshops.edit', 'sync.run'],
  referentTig: ['hosts.edit', 'partnerships.edit', 'workshops.edit', 'sync.run'],
  cadre: [...ALL_SITE_WORK, 'measure.bin', 'bin.empty', 'sync.run', 'backup.write'],
  administrateur: [...actions],
  analyste: ['partnerships.edit', 'hq.consolidate', 'sync.run'],
};

export function can(role: Role, action: Action): boolean {
  return permissionTable[role].includes(action);
}

/** The French refusal of an action to a role. */
export function refusalOf(role: Role, action: Action): string {
  const allowed = rolesAllowed(action).map((r) => roleShortLabels[r]);
  return `Votre rôle (${roleShortLabels[role]}) ne permet pas ${actionLabels[action]} : demandez à un compte ${allowed.join(' ou ')}.`;
}

const roleShortLabels: Record<Role, string> = {
  cpip: 'CPIP',
  referentTig: 'référent TIG',
  cadre: 'cadre',
  administrateur: 'administrateur',
  analyste: 'analyste',
};

/** The roles allowed an action, for a screen that says who to ask. */
export function rolesAllowed(action: Action): Role[] {
  return roles.filter((role) => can(role, action));
}

/** What writing a record of each entity needs (its deletion to the bin may need more: `binAction`). */
export const editAction: Readonly<Record<EntityName, Action>> = {
  person: 'followUp.edit',
  measure: 'followUp.edit',
  placement: 'followUp.edit',
  hourLog: 'followUp.edit',
  incident: 'followUp.edit',
  organisation: 'hosts.edit',
  habilitation: 'hosts.edit',
  tutor: 'hosts.edit',
  post: 'hosts.edit',
  partner: 'partnerships.edit',
  agreement: 'partnerships.edit',
  programme: 'workshops.edit',
  session: 'workshops.edit',
  enrolment: 'workshops.edit',
  attendance: 'workshops.edit',
  workshopFigure: 'workshops.edit',
  establishmentProfile: 'workshops.edit',
  account: 'accounts.manage',
};

/** What moving a record to the bin, or back, needs beyond writing it: only a cadre deletes a person or a measure. */
export function binActions(entity: EntityName): Action[] {
  return entity === 'person' || entity === 'measure' ? [editAction[entity], 'measure.bin'] : [editAction[entity]];
}

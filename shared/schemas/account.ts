import * as z from 'zod';
import type { SiteKind } from './site.ts';
import { nameText, recordStamp } from './common.ts';

export const roles = ['cpip', 'referentTig', 'cadre', 'administrateur', 'analyste'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  cpip: 'CPIP (conseiller pénitentiaire d’insertion et de probation)',
  referentTig: 'Référent TIG',
  cadre: 'Cadre (DPIP)',
  administrateur: 'Administrateur',
  analyste: 'Analyste',
};

/** The roles an account of this kind of site may have: headquarters has its analysts, sites their staff. */
export function rolesOfSite(kind: SiteKind): readonly Role[] {
  return kind === 'atigip' ? ['analyste', 'administrateur'] : ['cpip', 'referentTig', 'cadre', 'administrateur'];
}

/**
 * A password as an account keeps it: never the password, only what scrypt derived from it (hex) and the
 * parameters it was derived with, so a later version may raise the cost without breaking older accounts.
 */
export const passwordHashSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type PasswordHash = z.infer<typeof passwordHashSchema>;

/** What a person logs in with: lower-case letters, digits, dots and dashes (« c.martin »). */
export const loginField = z
  .string({ error: 'Identifiant : champ obligatoire' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, { error: 'Identifiant : 2 à 40 caractères, lettres sans accent, chiffres, points et tirets (ex. c.martin)' });

/**
 * A local account of the site: who logs in, under which name the history records their changes, and their role
 * (shared/rules/permissions.ts). Accounts travel between the office's workstations like other site records, so a
 * counsellor logs in on any PC of the office; they never leave the site (entities.ts `siteOnly`).
 */
export const accountFields = z.object({
  login: loginField,
  name: nameText('Nom et prénom'),
  role: z.enum(roles, { error: 'Rôle : choisissez une valeur de la liste' }),
  password: passwordHashSchema,
  /** A disabled account no longer logs in; it stays, since the history names it. */
  disabled: z.boolean().optional(),
});
export const accountSchema = recordStamp.extend(accountFields.shape);
export type AccountInput = z.input<typeof accountFields>;
export type Account = z.infer<typeof accountSchema>;

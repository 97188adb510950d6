import * as z from 'zod';
import { passwordSchema } from '../../../shared/accounts/password.ts';
import { accountFields, loginField, roles } from '../../../shared/schemas/account.ts';

const twice = <T extends { password: string; confirm: string }>(values: T) => values.password === values.confirm;
const mismatch = { error: 'Les deux mots de passe diffèrent', path: ['confirm'] };

const newPassword = { password: passwordSchema, confirm: z.string() };

/** The site's first account: an administrator, named and with a password typed twice. */
export const firstAdministratorForm = z.object({ name: accountFields.shape.name, login: loginField, ...newPassword }).refine(twice, mismatch);

/** A new account as its form holds it. */
export const newAccountForm = z
  .object({ name: accountFields.shape.name, login: loginField, role: z.enum(roles, { error: 'Rôle : choisissez une valeur de la liste' }), ...newPassword })
  .refine(twice, mismatch);

/** A new password, typed twice (a reset by an administrator, or one's own). */
export const newPasswordForm = z.object(newPassword).refine(twice, mismatch);

export const logInForm = z.object({
  login: z.string().trim().min(1, { error: 'Identifiant : champ obligatoire' }),
  password: z.string().min(1, { error: 'Mot de passe : champ obligatoire' }),
});

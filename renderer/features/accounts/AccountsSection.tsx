import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import * as z from 'zod';
import {
  changeOwnPassword,
  createAccount,
  editAccount,
  listAccounts,
  readLockMinutes,
  resetPassword,
  setLockMinutes,
  MAX_LOCK_MINUTES,
  type AccountView,
} from '../../../shared/accounts/accounts.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { allowed } from '../../../shared/repos/permission.ts';
import { roleLabels, rolesOfSite } from '../../../shared/schemas/account.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { newAccountForm, newPasswordForm } from './schemas.ts';
import { PasswordFields } from './SessionGate.tsx';
import { useSession } from './session.ts';

/** Paramètres: one's own account for everyone; the site's accounts and the lock delay for an administrator. */
export function AccountsSection() {
  const ctx = useRepo();
  const { session } = useSession();
  return (
    <section className="fr-mb-6w" aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="fr-h4">
        Comptes
      </h2>
      <p>
        Connecté : <strong>{session.name}</strong> ({session.login}), {roleLabels[session.role]}. L’historique nomme ce compte à chaque modification.
      </p>
      <OwnPassword />
      {allowed(ctx, 'accounts.manage') && (
        <>
          <AccountList />
          <NewAccount />
          <LockDelay />
        </>
      )}
    </section>
  );
}

function OwnPassword() {
  const ctx = useRepo();
  const [done, setDone] = useState(false);
  const schema = z.object({ current: z.string().min(1, { error: 'Mot de passe actuel : champ obligatoire' }) }).and(newPasswordForm);
  const form = useSavingForm({
    schema,
    fields: ['current', 'password', 'confirm'],
    defaultValues: { current: '', password: '', confirm: '' },
    save: async ({ current, password }) => {
      setDone(false);
      await changeOwnPassword(ctx, current, password);
      form.reset();
      setDone(true);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <details className="fr-mb-3w">
      <summary>Changer mon mot de passe</summary>
      <form onSubmit={form.onSubmit} noValidate className="fr-mt-2w">
        <FormFailure message={form.failure} />
        <Input
          label="Mot de passe actuel"
          {...fieldState(errors.current)}
          nativeInputProps={{ ...register('current'), type: 'password', autoComplete: 'current-password' }}
        />
        <PasswordFields register={register} errors={errors} />
        <Button type="submit" priority="secondary" disabled={isSubmitting}>
          Changer mon mot de passe
        </Button>
      </form>
      {done && <Alert className="fr-mt-2w" severity="success" small description="Mot de passe changé." />}
    </details>
  );
}

function AccountList() {
  const ctx = useRepo();
  const accounts = useLiveQuery(() => listAccounts(ctx), [ctx]);
  const [failure, setFailure] = useState<string>();
  const [resetting, setResetting] = useState<AccountView>();
  const toggle = async (account: AccountView) => {
    setFailure(undefined);
    try {
      await editAccount(ctx, account.id, { disabled: !account.disabled });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  if (!accounts) return null;
  return (
    <>
      {failure && <Alert className="fr-mb-2w" severity="error" small description={failure} />}
      <div className="fr-table fr-table--no-caption">
        <table>
          <caption>Comptes du site</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Identifiant</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.login}</td>
                <td>{roleLabels[a.role]}</td>
                <td>{a.disabled ? 'Désactivé' : 'Actif'}</td>
                <td>
                  <div className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                    <Button size="small" priority="secondary" onClick={() => setResetting(a)} title={`Nouveau mot de passe pour ${a.name}`}>
                      Nouveau mot de passe
                    </Button>
                    <Button
                      size="small"
                      priority="tertiary"
                      onClick={() => void toggle(a)}
                      title={`${a.disabled ? 'Réactiver' : 'Désactiver'} le compte de ${a.name}`}
                    >
                      {a.disabled ? 'Réactiver' : 'Désactiver'}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {resetting && <ResetPassword key={resetting.id} account={resetting} onDone={() => setResetting(undefined)} />}
    </>
  );
}

/** A forgotten password: the administrator gives a new one, to be told to its owner by hand. */
function ResetPassword({ account, onDone }: { account: AccountView; onDone: () => void }) {
  const ctx = useRepo();
  const form = useSavingForm({
    schema: newPasswordForm,
    fields: ['password', 'confirm'],
    defaultValues: { password: '', confirm: '' },
    save: async ({ password }) => {
      await resetPassword(ctx, account.id, password);
      onDone();
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate className="fr-mb-3w" aria-labelledby="reset-title">
      <h3 id="reset-title" className="fr-h6">
        Nouveau mot de passe pour {account.name}
      </h3>
      <FormFailure message={form.failure} />
      <PasswordFields register={register} errors={errors} />
      <div className="fr-btns-group fr-btns-group--inline">
        <Button type="submit" disabled={isSubmitting}>
          Enregistrer le nouveau mot de passe
        </Button>
        <Button type="button" priority="secondary" onClick={onDone}>
          Annuler
        </Button>
      </div>
    </form>
  );
}

function NewAccount() {
  const ctx = useRepo();
  const identity = useIdentity();
  const [created, setCreated] = useState<string>();
  const form = useSavingForm({
    schema: newAccountForm,
    fields: ['name', 'login', 'role', 'password', 'confirm'],
    defaultValues: { name: '', login: '', role: identity.kind === 'atigip' ? 'analyste' : 'cpip', password: '', confirm: '' },
    save: async ({ name, login, role, password }) => {
      setCreated(undefined);
      const account = await createAccount(ctx, { name, login, role, password });
      form.reset();
      setCreated(`Compte de ${account.name} créé (identifiant ${account.login}).`);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <details className="fr-mb-3w">
      <summary>Créer un compte</summary>
      <form onSubmit={form.onSubmit} noValidate className="fr-mt-2w">
        <FormFailure title="Création refusée" message={form.failure} />
        <Input label="Nom et prénom" {...fieldState(errors.name)} nativeInputProps={{ ...register('name'), autoComplete: 'off' }} />
        <Input
          label="Identifiant"
          hintText="Par exemple c.martin"
          {...fieldState(errors.login)}
          nativeInputProps={{ ...register('login'), autoComplete: 'off' }}
        />
        <Select label="Rôle" {...fieldState(errors.role)} nativeSelectProps={register('role')}>
          {rolesOfSite(identity.kind).map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </Select>
        <PasswordFields register={register} errors={errors} />
        <Button type="submit" disabled={isSubmitting}>
          Créer le compte
        </Button>
      </form>
      {created && <Alert className="fr-mt-2w" severity="success" small description={created} />}
    </details>
  );
}

const lockForm = z.object({
  minutes: z
    .string()
    .trim()
    .transform((s) => Number(s.replace(',', '.')))
    .pipe(
      z
        .number({ error: 'Délai : un nombre de minutes' })
        .min(0.1, { error: 'Délai : 0,1 minute au moins' })
        .max(MAX_LOCK_MINUTES, { error: `Délai : ${MAX_LOCK_MINUTES} minutes au plus` }),
    ),
});

function LockDelay() {
  const ctx = useRepo();
  const current = useLiveQuery(() => readLockMinutes(ctx), [ctx]);
  return current === undefined ? null : <LockDelayForm current={current} />;
}

function LockDelayForm({ current }: { current: number }) {
  const ctx = useRepo();
  const [saved, setSaved] = useState(false);
  const form = useSavingForm({
    schema: lockForm,
    fields: ['minutes'],
    defaultValues: { minutes: String(current).replace('.', ',') },
    save: async ({ minutes }) => {
      setSaved(false);
      await setLockMinutes(ctx, minutes);
      setSaved(true);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormFailure message={form.failure} />
      <Input
        label="Verrouillage après inactivité (minutes)"
        hintText="10 par défaut : l’écran se verrouille et redemande le mot de passe, sans perdre une saisie en cours"
        {...fieldState(errors.minutes)}
        nativeInputProps={{ ...register('minutes'), inputMode: 'decimal' }}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        Enregistrer le délai
      </Button>
      {saved && <Alert className="fr-mt-2w" severity="success" small description="Délai de verrouillage enregistré." />}
    </form>
  );
}

import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import * as z from 'zod';
import { checkPassword, createAccount, hasAccounts, logIn, readLockMinutes, sessionOf } from '../../../shared/accounts/accounts.ts';
import type { RepoContext, Session } from '../../../shared/repos/context.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { setBridgeRole } from '../../bridge/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { firstAdministratorForm, logInForm } from './schemas.ts';
import { SessionCtx, storedAccount, type SessionApi } from './session.ts';
import { useIdleLock } from './useIdleLock.ts';

/**
 * Between the configured site and its screens: the first administrator's account when the site has none, the
 * log-in, then the application with the session in its repository context (every write checked against the
 * account's role and signed with its name), locked after the administrator's delay without use.
 */
export function SessionGate({ ctx, identity, children }: { ctx: RepoContext; identity: SiteIdentity; children: (ctx: RepoContext) => ReactNode }) {
  const accounts = useLiveQuery(() => hasAccounts(ctx), [ctx]);
  const [session, setSession] = useState<Session | null | undefined>(storedAccount.get() ? undefined : null);
  useEffect(() => {
    const stored = storedAccount.get();
    if (stored) void sessionOf(ctx, stored).then((s) => setSession(s ?? null));
  }, [ctx]);
  const open = (s: Session | null) => {
    storedAccount.set(s?.accountId);
    setSession(s);
  };

  if (accounts === undefined || session === undefined) return null;
  if (!accounts) return <FirstAdministrator ctx={ctx} identity={identity} onCreated={open} />;
  if (!session) return <LogIn ctx={ctx} identity={identity} onLoggedIn={open} />;
  return (
    <Unlocked ctx={ctx} session={session} onLogOut={() => open(null)}>
      {children}
    </Unlocked>
  );
}

function Unlocked({
  ctx,
  session,
  onLogOut,
  children,
}: {
  ctx: RepoContext;
  session: Session;
  onLogOut: () => void;
  children: (ctx: RepoContext) => ReactNode;
}) {
  const minutes = useLiveQuery(() => readLockMinutes(ctx), [ctx]);
  const { locked, lockNow, unlock } = useIdleLock(minutes);
  // An account disabled meanwhile (here or by a colleague's workstation) is logged out.
  const still = useLiveQuery(async () => (await sessionOf(ctx, session.accountId)) ?? null, [ctx, session.accountId]);
  useEffect(() => {
    if (still === null) onLogOut();
  }, [still, onLogOut]);
  useEffect(() => {
    setBridgeRole(session.role);
    return () => setBridgeRole(undefined);
  }, [session.role]);
  const withSession = useMemo(() => ({ ...ctx, session }), [ctx, session]);
  const api: SessionApi = useMemo(() => ({ session, lockNow, logOut: onLogOut }), [session, lockNow, onLogOut]);
  return (
    <SessionCtx.Provider value={api}>
      {/* Locked, the screens stay mounted (a form being typed keeps what it holds) but hidden and out of reach. */}
      <div hidden={locked} inert={locked}>
        {children(withSession)}
      </div>
      {locked && <LockScreen ctx={ctx} session={session} onUnlock={unlock} onLogOut={onLogOut} />}
    </SessionCtx.Provider>
  );
}

function Centered({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="app-centered" id="contenu">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** The site's first account, an administrator's, asked once the site is configured (or after an upgrade that brought accounts). */
function FirstAdministrator({ ctx, identity, onCreated }: { ctx: RepoContext; identity: SiteIdentity; onCreated: (s: Session) => void }) {
  const form = useSavingForm({
    schema: firstAdministratorForm,
    fields: ['name', 'login', 'password', 'confirm'],
    defaultValues: { name: identity.userName, login: '', password: '', confirm: '' },
    save: async ({ name, login, password }) => {
      // Logged in as created: the password was just typed twice, no need to derive it again.
      const admin = await createAccount(ctx, { name, login, password, role: 'administrateur' });
      const session = await sessionOf(ctx, admin.id);
      if (session) onCreated(session);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <Centered title="Votre compte administrateur">
      <form onSubmit={form.onSubmit} noValidate aria-describedby="first-admin-intro">
        <p id="first-admin-intro">
          Dernière étape : chaque personne utilise Passerelle avec son propre compte, et l’historique nomme le compte de chaque modification. Créez le compte
          administrateur du site ; vous créerez ensuite, dans les Paramètres, les comptes de vos collègues.
        </p>
        <FormFailure title="Création refusée" message={form.failure} />
        <Input label="Nom et prénom" {...fieldState(errors.name)} nativeInputProps={{ ...register('name'), autoComplete: 'name' }} />
        <Input
          label="Identifiant"
          hintText="Par exemple c.martin : lettres sans accent, chiffres, points et tirets"
          {...fieldState(errors.login)}
          nativeInputProps={{ ...register('login'), autoComplete: 'username' }}
        />
        <PasswordFields register={register} errors={errors} />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Création du compte…' : 'Créer le compte et commencer'}
        </Button>
      </form>
    </Centered>
  );
}

/** The new password typed twice, as the account forms ask it. */
export function PasswordFields({
  register,
  errors,
}: {
  register: (name: 'password' | 'confirm') => object;
  errors: { password?: { message?: string | undefined } | undefined; confirm?: { message?: string | undefined } | undefined };
}) {
  return (
    <>
      <Input
        label="Mot de passe"
        hintText="12 caractères au moins ; une phrase de plusieurs mots se retient mieux"
        {...fieldState(errors.password)}
        nativeInputProps={{ ...register('password'), type: 'password', autoComplete: 'new-password' }}
      />
      <Input
        label="Mot de passe, une deuxième fois"
        {...fieldState(errors.confirm)}
        nativeInputProps={{ ...register('confirm'), type: 'password', autoComplete: 'new-password' }}
      />
    </>
  );
}

function LogIn({ ctx, identity, onLoggedIn }: { ctx: RepoContext; identity: SiteIdentity; onLoggedIn: (s: Session) => void }) {
  const form = useSavingForm({
    schema: logInForm,
    fields: ['login', 'password'],
    defaultValues: { login: '', password: '' },
    save: async ({ login, password }) => onLoggedIn(await logIn(ctx, login, password)),
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <Centered title="Connexion">
      <p>
        {identity.name} ({identity.code})
      </p>
      <form onSubmit={form.onSubmit} noValidate>
        <FormFailure title="Connexion refusée" message={form.failure} />
        <Input label="Identifiant" {...fieldState(errors.login)} nativeInputProps={{ ...register('login'), autoComplete: 'username' }} />
        <Input
          label="Mot de passe"
          {...fieldState(errors.password)}
          nativeInputProps={{ ...register('password'), type: 'password', autoComplete: 'current-password' }}
        />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Vérification…' : 'Se connecter'}
        </Button>
      </form>
      <p className="fr-text--sm fr-mt-2w">Mot de passe oublié : un administrateur du site lui en donne un nouveau, dans les Paramètres.</p>
    </Centered>
  );
}

const unlockForm = z.object({ password: z.string().min(1, { error: 'Mot de passe : champ obligatoire' }) });

/** The lock: nothing of the site shows until the same account's password is typed again. */
function LockScreen({ ctx, session, onUnlock, onLogOut }: { ctx: RepoContext; session: Session; onUnlock: () => void; onLogOut: () => void }) {
  const form = useSavingForm({
    schema: unlockForm,
    fields: ['password'],
    defaultValues: { password: '' },
    save: async ({ password }) => {
      await checkPassword(ctx, session, password);
      onUnlock();
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <Centered title="Poste verrouillé">
      <p>
        Passerelle s’est verrouillé faute d’activité. Session de <strong>{session.name}</strong> : saisissez votre mot de passe pour reprendre là où vous en
        étiez.
      </p>
      <form onSubmit={form.onSubmit} noValidate>
        <FormFailure title="Déverrouillage refusé" message={form.failure} />
        <Input
          label="Mot de passe"
          {...fieldState(errors.password)}
          nativeInputProps={{ ...register('password'), type: 'password', autoComplete: 'current-password' }}
        />
        <div className="fr-btns-group fr-btns-group--inline">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? 'Vérification…' : 'Déverrouiller'}
          </Button>
          <Button type="button" priority="secondary" onClick={onLogOut}>
            Changer d’utilisateur (la saisie en cours sera perdue)
          </Button>
        </div>
      </form>
    </Centered>
  );
}

import '../../../test/support/renderApp.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, logIn } from '../../../shared/accounts/accounts.ts';
import { completeSetup } from '../../../shared/repos/identity.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { AppRoot } from '../../app/AppRoot.tsx';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const secret = 'phrase de passe longue';

afterEach(cleanup);
beforeEach(() => sessionStorage.clear());

async function configured(): Promise<RepoContext> {
  const ctx = await testContext();
  await completeSetup(ctx);
  return ctx;
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the session gate', () => {
  it('asks a configured site without accounts for its administrator, who is then logged in and named in the status bar', async () => {
    const ctx = await configured();
    render(<AppRoot boot={async () => ({ ok: true, ctx })} />);
    await screen.findByRole('heading', { level: 1, name: 'Votre compte administrateur' });
    expect((screen.getByLabelText('Nom et prénom') as HTMLInputElement).value).toBe('Camille Martin');
    type(/^Identifiant/, 'c.martin');
    type(/^Mot de passe\s*12/, secret);
    type('Mot de passe, une deuxième fois', 'autre chose encore');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte et commencer' }));
    expect(await screen.findByText('Les deux mots de passe diffèrent')).toBeTruthy();
    type('Mot de passe, une deuxième fois', secret);
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte et commencer' }));
    const status = await screen.findByRole('status', { name: 'Barre d’état' }, { timeout: 20_000 });
    expect(within(status).getByText('Camille Martin')).toBeTruthy();
    expect((await ctx.db.accounts.toArray()).map((a) => [a.login, a.role])).toEqual([['c.martin', 'administrateur']]);
  }, 30_000);

  it('asks for a log-in, refuses a wrong password in French, and opens on the right one', async () => {
    const ctx = await configured();
    await createAccount(ctx, { login: 'c.martin', name: 'Camille Martin', role: 'administrateur', password: secret }, cheap);
    render(<AppRoot boot={async () => ({ ok: true, ctx })} />);
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    type('Identifiant', 'c.martin');
    type('Mot de passe', 'pas le bon mot de passe');
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Identifiant ou mot de passe incorrect.')).toBeTruthy();
    type('Mot de passe', secret);
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await screen.findByRole('status', { name: 'Barre d’état' });
    expect(sessionStorage.getItem('passerelle.account')).toBe((await logIn(ctx, 'c.martin', secret)).accountId);
  });

  it('locks: the screens are hidden with what was typed kept, and come back with the password', async () => {
    const ctx = await configured();
    const admin = await createAccount(ctx, { login: 'c.martin', name: 'Camille Martin', role: 'administrateur', password: secret }, cheap);
    sessionStorage.setItem('passerelle.account', admin.id);
    window.location.hash = '#/personnes/nouvelle';
    render(<AppRoot boot={async () => ({ ok: true, ctx })} />);
    await screen.findByRole('status', { name: 'Barre d’état' });
    const lastName = (await screen.findByLabelText('Nom', { exact: true })) as HTMLInputElement;
    fireEvent.change(lastName, { target: { value: 'Saisie-En-Cours' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verrouiller' }));
    await screen.findByRole('heading', { level: 1, name: 'Poste verrouillé' });
    expect(screen.queryByRole('status', { name: 'Barre d’état' })).toBeNull();
    expect(lastName.closest('[hidden]')).not.toBeNull();
    type('Mot de passe', 'pas le bon mot de passe');
    fireEvent.click(screen.getByRole('button', { name: 'Déverrouiller' }));
    expect(await screen.findByText('Identifiant ou mot de passe incorrect.')).toBeTruthy();
    type('Mot de passe', secret);
    fireEvent.click(screen.getByRole('button', { name: 'Déverrouiller' }));
    await screen.findByRole('status', { name: 'Barre d’état' });
    expect(screen.queryByRole('heading', { name: 'Poste verrouillé' })).toBeNull();
    expect((screen.getByLabelText('Nom', { exact: true }) as HTMLInputElement).value).toBe('Saisie-En-Cours');
  });
});

import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getIdentity } from '../../../shared/repos/identity.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { UserNameForm } from './UserNameForm.tsx';

afterEach(cleanup);

async function open() {
  const ctx = await testContext();
  const current = (await getIdentity(ctx))!.userName;
  await renderRoutes(ctx, [{ path: 'parametres', element: <UserNameForm current={current} /> }], '/parametres');
  const input = await screen.findByLabelText('Votre nom');
  return { ctx, current, input };
}

describe('the user name of this workstation', () => {
  it('refuses an empty name with the schema’s message and keeps the stored one', async () => {
    const { ctx, current, input } = await open();
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Votre nom : champ obligatoire')).toBeTruthy();
    expect((await getIdentity(ctx))!.userName).toBe(current);
  });

  it('saves a new name, says where it will appear, and stays on the form', async () => {
    const { ctx, input } = await open();
    fireEvent.change(input, { target: { value: 'Marie Curie' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Nom enregistré : il figurera dans l’historique des prochaines modifications.')).toBeTruthy();
    await waitFor(async () => expect((await getIdentity(ctx))!.userName).toBe('Marie Curie'));
    expect((screen.getByLabelText('Votre nom') as HTMLInputElement).value).toBe('Marie Curie');
  });
});

import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readSiteContact, saveSiteContact } from '../../../shared/repos/identity.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { ContactSection } from './ContactForm.tsx';

afterEach(cleanup);

describe('the service’s contact details', () => {
  it('start from the stored ones, refuse a bad phone under its field, and save the rest', async () => {
    const ctx = await testContext();
    await saveSiteContact(ctx, { email: 'spip54@justice.fr' });
    await renderRoutes(ctx, [{ path: 'parametres', element: <ContactSection /> }], '/parametres');
    const email = (await screen.findByLabelText('Courriel (facultatif)')) as HTMLInputElement;
    expect(email.value).toBe('spip54@justice.fr');

    fireEvent.change(screen.getByLabelText('Téléphone (facultatif)'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les coordonnées' }));
    expect(await screen.findByText('Numéro de téléphone invalide (ex. 01 23 45 67 89)')).toBeTruthy();
    expect(await readSiteContact(ctx)).toEqual({ email: 'spip54@justice.fr' });

    fireEvent.change(screen.getByLabelText('Téléphone (facultatif)'), { target: { value: '03 83 00 00 00' } });
    fireEvent.change(screen.getByLabelText(/^Adresse/), { target: { value: '12 rue de la Ravinelle\n54000 Nancy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les coordonnées' }));
    expect(await screen.findByText('Coordonnées enregistrées : elles figurent sur les documents imprimés.')).toBeTruthy();
    await waitFor(async () =>
      expect(await readSiteContact(ctx)).toEqual({ address: '12 rue de la Ravinelle\n54000 Nancy', phone: '03 83 00 00 00', email: 'spip54@justice.fr' }),
    );
  });

  it('fill the postal code when the commune is chosen from the list, and keep both for the letterhead', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, [{ path: 'parametres', element: <ContactSection /> }], '/parametres');
    const commune = await screen.findByLabelText(/^Commune/);
    fireEvent.change(commune, { target: { value: 'Toul' } });
    // The suggestion, once the official list is loaded: « Toul (54200) ».
    await waitFor(() => expect(document.querySelector('datalist option[value="Toul (54200)"]')).not.toBeNull());
    fireEvent.change(commune, { target: { value: 'Toul (54200)' } });
    await waitFor(() => expect((screen.getByLabelText(/^Code postal/) as HTMLInputElement).value).toBe('54200'));
    expect((commune as HTMLInputElement).value).toBe('Toul');
    fireEvent.change(screen.getByLabelText(/^Adresse/), { target: { value: '3 rue de Rigny' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les coordonnées' }));
    await waitFor(async () => expect(await readSiteContact(ctx)).toEqual({ address: '3 rue de Rigny', postalCode: '54200', communeName: 'Toul' }));
  });

  it('refuse a postal code that is not five digits, under its field', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, [{ path: 'parametres', element: <ContactSection /> }], '/parametres');
    fireEvent.change(await screen.findByLabelText(/^Code postal/), { target: { value: '542' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les coordonnées' }));
    expect(await screen.findByText('Code postal invalide (5 chiffres)')).toBeTruthy();
    expect(await readSiteContact(ctx)).toEqual({});
  });
});

import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMeasure, revokeMeasure } from '../../../shared/repos/measures.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { readRetentionYears } from '../../../shared/repos/retention.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import type { Role } from '../../../shared/schemas/account.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { adultInput, measureInput } from '../../../test/support/tig.ts';
import { ContactSection } from './ContactForm.tsx';
import { RetentionSection } from './RetentionSection.tsx';

afterEach(cleanup);

const as = (ctx: RepoContext, role: Role): RepoContext => ({
  ...ctx,
  session: { accountId: '0190a0a0-0000-7000-8000-000000000001', login: role, name: `Agent ${role}`, role },
});

/** Lefèvre's only measure, revoked on 20 November 2026, seen from 1 January 2032 (past the default five years). */
async function site() {
  const ctx = await testContext();
  const person = await createPerson(ctx, adultInput);
  const measure = await createMeasure(ctx, measureInput(person.id));
  await revokeMeasure(ctx, measure.id, '2026-11-20');
  ctx.clock.set('2032-01-01T10:00:00.000Z');
  return { ctx, person, measure };
}

const show = (ctx: RepoContext) => renderRoutes(ctx, [{ path: 'parametres', element: <RetentionSection /> }], '/parametres');

describe('« Conservation des dossiers »', () => {
  it('sets the period, previews what would go, and purges once the counts are confirmed', async () => {
    const { ctx, person } = await site();
    const admin = as(ctx, 'administrateur');
    await show(admin);
    const field = (await screen.findByLabelText(/^Durée de conservation/)) as HTMLInputElement;
    expect(field.value).toBe('5');

    fireEvent.change(field, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la durée' }));
    expect(await screen.findByText('Durée de conservation : nombre entier d’années entre 1 et 30')).toBeTruthy();
    expect(await readRetentionYears(ctx)).toBe(5);

    fireEvent.change(screen.getByLabelText(/^Durée de conservation/), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la durée' }));
    expect(await screen.findByText('Durée de conservation enregistrée : 10 ans.')).toBeTruthy();
    expect(await readRetentionYears(ctx)).toBe(10);
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu de la purge' }));
    expect(await screen.findByText('Rien à purger')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Purger' })).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Durée de conservation/), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la durée' }));
    await screen.findByText('Durée de conservation enregistrée : 5 ans.');
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu de la purge' }));
    expect(await screen.findByText('LEFÈVRE Julien')).toBeTruthy();
    expect(screen.getByText('TIG (peine) – LEFÈVRE Julien, révoquée le 20/11/2026')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Purger' }));
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(dialog.textContent).toContain(
      'Seront supprimés définitivement, sur ce poste, sur les autres postes du service et au siège : 1 personne et 1 mesure.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Purger définitivement', hidden: true }));
    expect(await screen.findByText(/^Purge effectuée : 1 personne et 1 mesure\./)).toBeTruthy();
    await waitFor(async () => expect(await ctx.db.persons.get(person.id)).toMatchObject({ deleted: true, updatedBy: 'Agent administrateur' }));
  });

  it('is not offered to a role without retention.manage', async () => {
    const { ctx } = await site();
    // Beside a section every role sees: once it has read its settings, this one would have read its own.
    await renderRoutes(
      as(ctx, 'cadre'),
      [
        {
          path: 'parametres',
          element: (
            <>
              <ContactSection />
              <RetentionSection />
            </>
          ),
        },
      ],
      '/parametres',
    );
    await screen.findByRole('heading', { name: 'Coordonnées du service' });
    expect(screen.queryByRole('heading', { name: 'Conservation des dossiers' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Purger' })).toBeNull();
  });
});

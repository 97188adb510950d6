import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { createPost } from '../../../shared/repos/posts.ts';
import { hostsRoutes } from '../hosts/index.ts';

afterEach(cleanup);

/** The confirmation dialog whose title is `title` (DSFR renders it closed, in the page). */
const dialog = (title: string) => screen.getByRole('heading', { name: title, hidden: true }).closest('dialog')!;

describe('a deletion the bin refuses', () => {
  it('says why and offers no button to confirm it; one it accepts can be confirmed', async () => {
    const ctx = await testContext();
    const { organisation, post } = await seedPlacement(ctx);
    await renderRoutes(ctx, hostsRoutes, `/structures/postes/${post.id}`);
    await screen.findByRole('heading', { level: 1, name: post.title });
    const refused = dialog(`Supprimer le poste « ${post.title} » ?`);
    await within(refused).findByText(/Suppression impossible : Le poste « Entretien des espaces verts » a servi à des mises en situation/);
    const confirm = within(refused).getByRole('button', { name: 'Mettre le poste à la corbeille', hidden: true }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    cleanup();
    await renderRoutes(ctx, hostsRoutes, `/structures/${organisation.id}`);
    await screen.findByRole('heading', { level: 1, name: organisation.name });
    const structure = dialog(`Supprimer « ${organisation.name} » ?`);
    await within(structure).findByText(/a encore 1 poste : supprimez-le d’abord/);
    expect((within(structure).getByRole('button', { name: 'Mettre la structure à la corbeille', hidden: true }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('leaves the button enabled when nothing stands in the way', async () => {
    const ctx = await testContext();
    const { post } = await seedPlacement(ctx);
    const free = await createPost(ctx, {
      organisationId: post.organisationId,
      tutorIds: post.tutorIds,
      title: 'Accueil du public',
      domain: post.domain,
      communeName: 'Nancy',
      departement: '54',
      capacity: 1,
      openToMinors: false,
      accessiblePmr: false,
      active: true,
    });
    await renderRoutes(ctx, hostsRoutes, `/structures/postes/${free.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Accueil du public' });
    const accepted = dialog('Supprimer le poste « Accueil du public » ?');
    await within(accepted).findByText(/ira à la corbeille/);
    await waitFor(() =>
      expect((within(accepted).getByRole('button', { name: 'Mettre le poste à la corbeille', hidden: true }) as HTMLButtonElement).disabled).toBe(false),
    );
  });
});

import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { giveElementsASize } from '../../../test/support/screens.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { createPlacement, endPlacement } from '../../../shared/repos/placements.ts';
import { hostsPaths, hostsRoutes } from '../hosts/index.ts';
import { personsRoutes } from './index.ts';

let restoreSize: () => void;
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(cleanup);

/** The table's rows as the cells read, header first, the actions column left out. */
async function rowsOf(caption: string, columns: readonly string[]): Promise<string[][]> {
  const table = (await screen.findByText(caption, { selector: 'caption' })).closest('table')!;
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent.trim());
  const at = columns.map((c) => headers.findIndex((h) => h.startsWith(c)));
  expect(at).not.toContain(-1);
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent.trim());
      return at.map((i) => cells[i] ?? '');
    });
}

/**
 * A placement interrupted on 20 November 2026 (planned to 31 March 2027), and another planned from 30 November
 * to 31 January, read on 2 December 2026: the second has begun although no hours are logged yet.
 */
async function seedEndedAndStarted() {
  const ctx = await testContext();
  const seeded = await seedPlacement(ctx);
  await endPlacement(ctx, seeded.placement.id, '2026-11-20', 'interrompue');
  await createPlacement(ctx, { measureId: seeded.measure.id, postId: seeded.post.id, startDate: '2026-11-30', plannedEnd: '2027-01-31' });
  ctx.clock.set('2026-12-02T10:00:00.000Z');
  return { ctx, ...seeded };
}

describe('real end of placements in the tables', () => {
  it('shows the real end and the status of the day on the person page', async () => {
    const { ctx, person } = await seedEndedAndStarted();
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    await waitFor(async () =>
      expect(await rowsOf('Mises en situation de la mesure', ['Du', 'Au (prévu)', 'Fin réelle', 'Statut'])).toEqual([
        ['30/11/2026', '31/01/2027', '', 'En cours'],
        ['01/10/2026', '31/03/2027', '20/11/2026', 'Interrompue'],
      ]),
    );
  });

  it('shows the real end and the status of the day on the post page, and flags a planned end that has passed', async () => {
    const { ctx, post } = await seedEndedAndStarted();
    ctx.clock.set('2027-02-01T10:00:00.000Z');
    await renderRoutes(ctx, hostsRoutes, hostsPaths.post(post.id));
    await waitFor(async () =>
      expect(await rowsOf('Mises en situation sur ce poste', ['Début', 'Fin prévue', 'Fin réelle', 'Statut'])).toEqual([
        ['30/11/2026', '31/01/2027', '', 'Fin prévue dépassée'],
        ['01/10/2026', '31/03/2027', '20/11/2026', 'Interrompue'],
      ]),
    );
  });

  it('lists the post’s tutors in a table whose row opens the tutor’s form', async () => {
    const { ctx, post } = await seedEndedAndStarted();
    await renderRoutes(ctx, hostsRoutes, hostsPaths.post(post.id));
    await waitFor(async () => expect(await rowsOf('Tuteurs du poste', ['Nom', 'Formé(e)'])).toEqual([['Claire Morel', 'Formé(e) le 01/03/2024']]));
    expect(screen.getAllByText('1 ligne affichée sur 1').length).toBeGreaterThan(0);
    const table = (await screen.findByText('Tuteurs du poste', { selector: 'caption' })).closest('table')!;
    fireEvent.click(within(table).getByRole('cell', { name: 'Claire Morel' }));
    await screen.findByRole('heading', { level: 1, name: /^Modifier Claire Morel/ });
  });
});

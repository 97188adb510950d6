import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Section } from './Section.tsx';
import '../../test/support/renderApp.ts';

afterEach(cleanup);

describe('Section', () => {
  it('is a region named by its title, its action beside the title, a sub-section one heading level down', () => {
    render(
      <>
        <Section id="tuteurs" title="Tuteurs" action={<button type="button">Ajouter un tuteur</button>}>
          <p>Aucun tuteur.</p>
        </Section>
        <Section id="incidents" title="Incidents" sub>
          <p>Aucun incident.</p>
        </Section>
      </>,
    );
    const tutors = screen.getByRole('region', { name: 'Tuteurs' });
    expect(within(tutors).getByRole('heading', { level: 2, name: 'Tuteurs' })).toBeTruthy();
    expect(within(tutors).getByRole('button', { name: 'Ajouter un tuteur' })).toBeTruthy();
    expect(within(tutors).getByText('Aucun tuteur.')).toBeTruthy();
    const incidents = screen.getByRole('region', { name: 'Incidents' });
    expect(within(incidents).getByRole('heading', { level: 4, name: 'Incidents' })).toBeTruthy();
    expect(within(incidents).queryByRole('button')).toBeNull();
  });
});

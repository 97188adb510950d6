import { cleanup, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { addMeasure, addPerson, tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { saveAttendanceGrid } from '../../../shared/repos/attendance.ts';
import { enrol } from '../../../shared/repos/enrolments.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { createSession } from '../../../shared/repos/sessions.ts';
import { chunk } from './AttendanceSheet.tsx';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

const sevenDays = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17'];

async function attendedSession() {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, tigProgrammeInput);
  const session = await createSession(ctx, tigSessionInput(programme.id, sevenDays));
  const enrolments = [];
  for (const [lastName, firstName] of [
    ['Abel', 'Adam'],
    ['Bernard', 'Basile'],
  ] as const) {
    const person = await addPerson(ctx, { lastName, firstName, birthDate: '1990-04-12' });
    const measure = await addMeasure(ctx, person.id);
    enrolments.push(await enrol(ctx, { sessionId: session.id, personId: person.id, measureId: measure.id }));
  }
  const [abel, bernard] = enrolments as [(typeof enrolments)[number], (typeof enrolments)[number]];
  await saveAttendanceGrid(ctx, session.id, [
    { enrolmentId: abel.id, date: '2026-11-09', present: true },
    { enrolmentId: abel.id, date: '2026-11-10', present: true, hours: 3.5 },
    { enrolmentId: abel.id, date: '2026-11-11', present: false },
  ]);
  return { ctx, session, abel, bernard };
}

async function noSevereViolation() {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

describe('printed documents', () => {
  it('splits the days of the attendance sheet five by five', () => {
    expect(chunk(sevenDays, 5)).toEqual([sevenDays.slice(0, 5), sevenDays.slice(5)]);
  });

  it('prints an attendance sheet: participants × days with a box to sign, recorded absences shaded, the facilitator’s row', async () => {
    const { ctx, session } = await attendedSession();
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}/emargement`);
    await screen.findByRole('heading', { level: 1, name: 'Feuille d’émargement' });
    const tables = await screen.findAllByRole('table');
    expect(tables).toHaveLength(2);
    expect(
      within(tables[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Participant', 'lundi 09/11/2026', 'mardi 10/11/2026', 'mercredi 11/11/2026', 'jeudi 12/11/2026', 'vendredi 13/11/2026']);
    expect(
      within(tables[0]!)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['ABEL Adam', 'BERNARD Basile', 'Signature de l’animateur']);
    expect(within(tables[0]!).getByRole('cell', { name: 'Signature de ABEL Adam, lundi 09/11/2026' }).textContent).toBe('');
    expect(
      within(tables[0]!)
        .getAllByRole('cell')
        .filter((c) => c.textContent === 'Absent(e)'),
    ).toHaveLength(1);
    expect(
      within(tables[1]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Participant', 'lundi 16/11/2026', 'mardi 17/11/2026']);
    expect(screen.getByRole('button', { name: 'Imprimer' })).toBeTruthy();
    await noSevereViolation();
  });

  it('prints a participation certificate with the days and hours attended', async () => {
    const { ctx, session, abel } = await attendedSession();
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}/attestations/${abel.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Attestation de participation' });
    const sheet = document.querySelector('article')!.textContent!;
    expect(sheet).toContain('ABEL Adam, né(e) le 12/04/1990');
    expect(sheet).toContain('séance du 09/11/2026 au 17/11/2026 animée par Bénévole ECTI, pendant 2 jours sur 7, soit 9,5 h de présence.');
    expect(sheet).toContain('Ces heures comptent comme heures de travail d’intérêt général');
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['DateHeures', '09/11/20266 h', '10/11/20263,5 h']);
    await noSevereViolation();
  });

  it('explains why there is no certificate for a participant without attendance', async () => {
    const { ctx, session, bernard } = await attendedSession();
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}/attestations/${bernard.id}`);
    await screen.findByText('BERNARD Basile n’a encore aucune journée de présence enregistrée dans cette séance.');
    expect(screen.getByRole('link', { name: 'Retour' }).getAttribute('href')).toBe(`/ateliers/seances/${session.id}`);
  });
});

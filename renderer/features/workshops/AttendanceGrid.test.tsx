import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { addMeasure, addPerson, fiveDays, tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { recordAttendance } from '../../../shared/repos/attendance.ts';
import { enrol, listEnrolments, updateEnrolment } from '../../../shared/repos/enrolments.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { createSession } from '../../../shared/repos/sessions.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

/**
 * A TIG pédagogique session of Monday 16 to Friday 20 November 2026, 6 h a day (the test clock is on the
 * 25th), with three participants: Abel and Bernard on measures of 70 h, Caron on a measure of 20 h.
 */
async function sessionPage(days = fiveDays) {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, tigProgrammeInput);
  const session = await createSession(ctx, tigSessionInput(programme.id, days));
  const people = [
    { lastName: 'Abel', firstName: 'Adam', hoursOrdered: 70 },
    { lastName: 'Bernard', firstName: 'Basile', hoursOrdered: 70 },
    { lastName: 'Caron', firstName: 'Chloé', hoursOrdered: 20 },
  ];
  const measures = [];
  for (const p of people) {
    const person = await addPerson(ctx, { lastName: p.lastName, firstName: p.firstName });
    const measure = await addMeasure(ctx, person.id, { hoursOrdered: p.hoursOrdered });
    await enrol(ctx, { sessionId: session.id, personId: person.id, measureId: measure.id });
    measures.push(measure);
  }
  const view = await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}`);
  await screen.findByRole('heading', {
    level: 1,
    name: `Séance du ${days[0]!.split('-').reverse().join('/')} au ${days[days.length - 1]!.split('-').reverse().join('/')}`,
  });
  await screen.findByRole('table', { name: /Feuille de présence/ });
  return { ctx, programme, session, measures, ...view };
}

const grid = () => screen.getByRole('table', { name: /Feuille de présence/ });
/** The cell of a participant on a day, by the name a screen reader hears. */
const cell = (who: string, day: string) => within(grid()).getByRole('button', { name: new RegExp(`^${who}, ${day}`) });
const focused = () => document.activeElement?.textContent ?? '';
const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });
const pressAll = (...keys: string[]) => keys.forEach(press);

describe('attendance grid', () => {
  it('is a table with a header per day and per participant, and one cell in the tab order', async () => {
    await sessionPage();
    const headers = within(grid())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Participant', 'lun. 16/11', 'mar. 17/11', 'mer. 18/11', 'jeu. 19/11', 'ven. 20/11', 'Total']);
    expect(
      within(grid())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['ABEL Adam', 'BERNARD Basile', 'CARON Chloé']);
    const cells = within(grid()).getAllByRole('button');
    expect(cells).toHaveLength(15);
    expect(cells.filter((c) => c.tabIndex === 0)).toEqual([cell('ABEL Adam', 'lundi 16/11/2026')]);
    expect(cell('ABEL Adam', 'lundi 16/11/2026').textContent).toContain('non saisi');
  });

  it('moves with the arrow keys, Home and End, and stops at the edges', async () => {
    await sessionPage();
    act(() => cell('ABEL Adam', 'lundi 16/11/2026').focus());
    press('ArrowRight');
    expect(focused()).toContain('ABEL Adam, mardi 17/11/2026');
    press('ArrowDown');
    expect(focused()).toContain('BERNARD Basile, mardi 17/11/2026');
    press('End');
    expect(focused()).toContain('BERNARD Basile, vendredi 20/11/2026');
    press('ArrowRight');
    expect(focused()).toContain('BERNARD Basile, vendredi 20/11/2026');
    press('ArrowDown');
    press('ArrowDown');
    expect(focused()).toContain('CARON Chloé, vendredi 20/11/2026');
    press('Home');
    press('ArrowUp');
    expect(focused()).toContain('BERNARD Basile, lundi 16/11/2026');
    expect(document.activeElement).toBe(
      within(grid())
        .getAllByRole('button')
        .find((b) => b.tabIndex === 0),
    );
  });

  it('sets present, absent, toggles and clears from the keyboard, and marks what is not saved', async () => {
    await sessionPage();
    act(() => cell('ABEL Adam', 'lundi 16/11/2026').focus());
    press('p');
    expect(focused()).toContain('ABEL Adam, lundi 16/11/2026 : présent, 6 h, modifié, non enregistré');
    press('A');
    expect(focused()).toContain(': absent, modifié');
    press(' ');
    expect(focused()).toContain(': présent, 6 h');
    press(' ');
    expect(focused()).toContain(': absent');
    press('Delete');
    expect(focused()).toContain(': non saisi');
    expect(focused()).not.toContain('modifié');
    expect(screen.queryByRole('note')).toBeNull();
    pressAll('P', 'ArrowRight', 'p');
    expect(screen.getByRole('note').textContent).toBe('* 2 modifications non enregistrées');
    expect(within(grid()).getByRole('row', { name: /ABEL Adam/ }).lastElementChild?.textContent).toBe('12 h');
    fireEvent.click(screen.getByRole('button', { name: 'Annuler les modifications' }));
    expect(screen.queryByRole('note')).toBeNull();
    expect(cell('ABEL Adam', 'lundi 16/11/2026').textContent).toContain('non saisi');
  });

  it('types hours in a cell: a digit opens the editor, Enter keeps quarter hours within the day, Escape cancels', async () => {
    await sessionPage();
    act(() => cell('BERNARD Basile', 'mardi 17/11/2026').focus());
    press('7');
    const editor = screen.getByRole('textbox', { name: 'Heures de BERNARD Basile, mardi 17/11/2026' });
    expect(document.activeElement).toBe(editor);
    fireEvent.keyDown(editor, { key: 'Enter' });
    expect(screen.getByText('Heures : 6 h au plus par jour dans cette séance')).toBeTruthy();
    fireEvent.change(editor, { target: { value: '4,3' } });
    fireEvent.keyDown(editor, { key: 'Enter' });
    expect(screen.getByText('Heures : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)')).toBeTruthy();
    fireEvent.change(editor, { target: { value: '4,5' } });
    fireEvent.keyDown(editor, { key: 'Enter' });
    await waitFor(() => expect(focused()).toContain('BERNARD Basile, mardi 17/11/2026 : présent, 4,5 h, modifié'));
    press('F2');
    const again = screen.getByRole('textbox', { name: /^Heures de BERNARD Basile/ });
    expect((again as HTMLInputElement).value).toBe('4,5');
    fireEvent.change(again, { target: { value: '1' } });
    fireEvent.keyDown(again, { key: 'Escape' });
    await waitFor(() => expect(focused()).toContain(': présent, 4,5 h'));
    press('0');
    fireEvent.keyDown(screen.getByRole('textbox', { name: /^Heures de BERNARD Basile/ }), { key: 'Enter' });
    await waitFor(() => expect(focused()).toContain(': absent'));
  });

  it('saves the whole grid with Enter, and the hours land on each measure', async () => {
    const { ctx, measures } = await sessionPage();
    act(() => cell('ABEL Adam', 'lundi 16/11/2026').focus());
    pressAll('p', 'ArrowRight', 'p', 'ArrowDown', 'a', 'ArrowLeft', 'p', 'ArrowDown', 'p');
    press('Enter');
    await screen.findByText('Feuille de présence enregistrée : 5 cases mises à jour.');
    expect(screen.queryByRole('note')).toBeNull();
    const attendance = await ctx.db.attendance.toArray();
    expect(attendance.map((a) => [a.date, a.present, a.hours]).sort()).toEqual([
      ['2026-11-16', true, 6],
      ['2026-11-16', true, 6],
      ['2026-11-16', true, 6],
      ['2026-11-17', false, 0],
      ['2026-11-17', true, 6],
    ]);
    const logs = await ctx.db.hourLogs.toArray();
    expect(logs.map((l) => [l.measureId, l.hours]).sort()).toEqual(
      [
        [measures[0]!.id, 6],
        [measures[0]!.id, 6],
        [measures[1]!.id, 6],
        [measures[2]!.id, 6],
      ].sort(),
    );
    const participants = screen.getByRole('table', { name: 'Participants de la séance' });
    const row = (name: string) =>
      [
        ...within(participants)
          .getByRole('row', { name: new RegExp(name) })
          .querySelectorAll('td'),
      ].map((td) => td.textContent);
    await waitFor(() => expect(row('ABEL Adam').slice(2, 5)).toEqual(['2', '12 h', '12 h / 70 h']));
    expect(row('CARON Chloé').slice(2, 5)).toEqual(['1', '6 h', '6 h / 20 h']);
  });

  it('saves all or nothing: a refused cell is named with the person and the day, marked, and nothing is written', async () => {
    const { ctx, measures } = await sessionPage();
    act(() => cell('ABEL Adam', 'lundi 16/11/2026').focus());
    for (let row = 0; row < 3; row++) {
      pressAll('Home', 'p', 'ArrowRight', 'p', 'ArrowRight', 'p', 'ArrowRight', 'p', 'ArrowRight', 'p', 'ArrowDown');
    }
    expect(screen.getByRole('note').textContent).toBe('* 15 modifications non enregistrées');
    press('Enter');
    const alert = await screen.findByText('Feuille de présence refusée');
    expect(alert.closest('.fr-alert')?.textContent).toContain(
      'Caron Chloé, le 19/11/2026 : Le total dépasserait les 20 h ordonnées : 18 h déjà effectuées, 2 h restantes Rien n’a été enregistré',
    );
    await waitFor(() => expect(focused()).toContain('CARON Chloé, jeudi 19/11/2026 : présent, 6 h, modifié, non enregistré, refusé'));
    expect(await ctx.db.attendance.count()).toBe(0);
    expect(await ctx.db.hourLogs.count()).toBe(0);
    expect(screen.getByRole('note').textContent).toBe('* 15 modifications non enregistrées');

    // Two hours on Thursday complete the measure; Friday is then after its end, so it is cleared.
    press('2');
    fireEvent.keyDown(screen.getByRole('textbox', { name: /^Heures de CARON Chloé, jeudi/ }), { key: 'Enter' });
    await waitFor(() => expect(focused()).toContain('CARON Chloé, jeudi 19/11/2026 : présent, 2 h'));
    pressAll('ArrowRight', 'Delete', 'Enter');
    await screen.findByText('Feuille de présence enregistrée : 14 cases mises à jour.');
    expect(await ctx.db.attendance.count()).toBe(14);
    const caron = await ctx.db.measures.get(measures[2]!.id);
    expect([caron?.status, caron?.endedOn]).toEqual(['terminee', '2026-11-19']);
  });

  it('confirms before leaving with unsaved changes: stay keeps them, leave drops them', async () => {
    const { router, programme, session } = await sessionPage();
    act(() => cell('ABEL Adam', 'lundi 16/11/2026').focus());
    press('p');
    fireEvent.click(screen.getByRole('link', { name: programme.title }));
    const dialog = await screen.findByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    expect(dialog.textContent).toContain('La feuille de présence a 1 modification non enregistrée.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rester sur la page' }));
    await waitFor(() => expect(dialog.hasAttribute('open')).toBe(false));
    expect(router.state.location.pathname).toBe(`/ateliers/seances/${session.id}`);
    expect(screen.getByRole('note').textContent).toBe('* 1 modification non enregistrée');
    fireEvent.click(screen.getByRole('link', { name: programme.title }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Quitter sans enregistrer ?' })).getByRole('button', { name: 'Quitter sans enregistrer' }),
    );
    await screen.findByRole('heading', { level: 1, name: programme.title });
    expect(router.state.location.pathname).toBe(`/ateliers/programmes/${programme.id}`);
  });

  it('leaves days to come untouched and says why', async () => {
    const { ctx } = await sessionPage(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(within(grid()).getByRole('columnheader', { name: /jeu. 26\/11/ }).textContent).toContain('à venir');
    act(() => cell('ABEL Adam', 'jeudi 26/11/2026').focus());
    press('p');
    expect(screen.getByText('Le 26/11/2026 n’est pas encore arrivé : la présence se saisit le jour même ou après.')).toBeTruthy();
    expect(focused()).toContain('ABEL Adam, jeudi 26/11/2026 : non saisi, jour à venir');
    pressAll('ArrowLeft', 'p', 'Enter');
    await screen.findByText('Feuille de présence enregistrée : 1 case mise à jour.');
    expect((await ctx.db.attendance.toArray()).map((a) => a.date)).toEqual(['2026-11-25']);
  });

  it('shows the row of a participant who abandoned or was excluded as not editable, with the reason in French', async () => {
    const { ctx, session } = await sessionPage();
    const [abel, bernard, caron] = await listEnrolments(ctx, session.id);
    await recordAttendance(ctx, { enrolmentId: bernard!.id, date: '2026-11-16', present: true });
    await act(async () => {
      await updateEnrolment(ctx, bernard!.id, { status: 'abandon' });
      await updateEnrolment(ctx, caron!.id, { status: 'exclu' });
    });
    const abandon = 'Participant en abandon : sa présence ne se saisit plus.';
    await waitFor(() =>
      expect(
        within(grid())
          .getAllByRole('rowheader')
          .map((h) => h.textContent),
      ).toEqual(['ABEL Adam', `BERNARD Basile${abandon}`, 'CARON ChloéParticipant exclu : sa présence ne se saisit plus.']),
    );
    const kept = cell('BERNARD Basile', 'lundi 16/11/2026');
    expect(kept.getAttribute('aria-disabled')).toBe('true');
    expect(kept.getAttribute('title')).toBe(abandon);
    expect(kept.textContent).toContain(`BERNARD Basile, lundi 16/11/2026 : présent, 6 h, non modifiable (${abandon})`);
    expect(cell('ABEL Adam', 'lundi 16/11/2026').getAttribute('aria-disabled')).toBeNull();

    act(() => kept.focus());
    pressAll('a', 'Delete', '4');
    fireEvent.click(cell('CARON Chloé', 'mardi 17/11/2026'), { detail: 1 });
    const notice = screen.getAllByRole('status').find((s) => s.classList.contains('app-grid-status'))!;
    expect(notice.textContent).toBe('Participant exclu : sa présence ne se saisit plus.');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Enregistrer la feuille de présence' }).hasAttribute('disabled')).toBe(true);
    expect(cell('BERNARD Basile', 'lundi 16/11/2026').textContent).toContain('présent, 6 h, non modifiable');
    expect(abel!.status).toBe('inscrit');
  });
});

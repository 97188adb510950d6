import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { addHourLogs, hourLogsOfMeasure } from '../../../shared/repos/hourLogs.ts';
import { createIncident } from '../../../shared/repos/incidents.ts';
import { measureFile } from '../../../shared/repos/documents.ts';
import { saveSiteContact } from '../../../shared/repos/identity.ts';
import { revokeMeasure } from '../../../shared/repos/measures.ts';
import { attestationRefusal } from './Attestation.tsx';
import { outcomeSentence } from './EndOfMeasureReport.tsx';
import { documentsRoutes, attestationPath, endOfMeasurePath, incidentReportPath, interimAttestationPath, placementSheetPath, timesheetPath } from './index.ts';
import { timesheetDays } from './Timesheet.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A TIG of 20 hours placed from 1 October 2026; `hours` logged on the given days of November. */
async function measureWithHours(days: [string, number][]) {
  const ctx = await testContext();
  const seeded = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
  const { measure, person, placement } = seeded;
  await addHourLogs(
    ctx,
    days.map(([date, hours]) => ({
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date,
      hours,
      confirmedByTutor: date < '2026-11-10',
      ...(date === '2026-11-03' ? { comment: 'Parti plus tôt' } : {}),
    })),
  );
  return { ctx, ...seeded };
}

const article = () => document.querySelector('article.app-document')!;

describe('the attestation of hours', () => {
  it('prints the hours done, all of those ordered, once the measure ended with them', async () => {
    const { ctx, measure } = await measureWithHours([
      ['2026-11-02', 7],
      ['2026-11-03', 7],
      ['2026-11-04', 6],
    ]);
    // happy-dom has no print dialog: the button's call is what matters.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await renderRoutes(ctx, documentsRoutes, attestationPath(measure.id));
    await screen.findByRole('heading', { level: 1, name: 'Attestation d’exécution – TIG (peine)' });
    const text = article().textContent!;
    expect(text).toContain('LEFÈVRE Julien, né(e) le 12/04/1990, dossier n° 2026/00123');
    expect(text).toContain(
      'a effectué 20 h de travail d’intérêt général, soit la totalité des 20 h ordonnées par décision du 01/06/2026 (Tribunal correctionnel de Nancy), entre le 02/11/2026 et le 04/11/2026, au sein de : Association Les Jardins du Cœur.',
    );
    expect(text).toContain('Jours de travail3');
    expect(text).toContain('SPIP de Meurthe-et-Moselle');
    expect(text).toContain('Le 25/11/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Imprimer' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('is refused, with the reason, while the measure is not terminée', async () => {
    const { ctx, measure } = await measureWithHours([['2026-11-02', 7]]);
    await renderRoutes(ctx, documentsRoutes, attestationPath(measure.id));
    await screen.findByText('L’attestation ne s’établit que pour une mesure terminée : celle-ci est au statut « En cours » (7 h effectuées sur 20 h).');
    expect(article()).toBeNull();
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    const file = (await measureFile(ctx, measure.id))!;
    expect(attestationRefusal(file)).toBe(
      'L’attestation ne s’établit que pour une mesure terminée : celle-ci est au statut « Révoquée » (7 h effectuées sur 20 h).',
    );
    expect(attestationRefusal({ ...file, measure: { ...file.measure, status: 'terminee' } })).toMatch(/ne correspondent pas aux 20 h ordonnées/);
    expect(attestationRefusal({ ...file, progress: { ...file.progress, done: 20 }, measure: { ...file.measure, status: 'terminee' } })).toBeUndefined();
  });
});

describe('the interim attestation', () => {
  it('attests the hours done so far on a measure under way, and what remains', async () => {
    const { ctx, measure } = await measureWithHours([
      ['2026-11-02', 7],
      ['2026-11-05', 4.5],
    ]);
    await renderRoutes(ctx, documentsRoutes, interimAttestationPath(measure.id));
    await screen.findByRole('heading', { level: 1, name: /^Attestation intermédiaire/ });
    const text = article().textContent!;
    expect(text).toContain('a effectué, à la date du 25/11/2026, 11,5 h de travail d’intérêt général sur les 20 h ordonnées');
    expect(text).toContain('entre le 02/11/2026 et le 05/11/2026');
    expect(text).toContain('il reste 8,5 h à accomplir. Cette attestation ne vaut pas attestation d’exécution de la mesure.');
  });

  it('is refused, with the reason, before any hour is done', async () => {
    const { ctx, measure } = await measureWithHours([]);
    await renderRoutes(ctx, documentsRoutes, interimAttestationPath(measure.id));
    expect(await screen.findByText('Rien n’est encore enregistré sur cette mesure : aucune heure à attester.')).toBeTruthy();
  });
});

describe('the monthly timesheet', () => {
  it('lists every day of the month with its hours, the month’s total and the running total', async () => {
    const { ctx, measure, placement } = await measureWithHours([
      ['2026-10-28', 4],
      ['2026-11-02', 3.5],
      ['2026-11-03', 2],
    ]);
    const days = timesheetDays(
      '2026-11',
      (await hourLogsOfMeasure(ctx, measure.id)).filter((l) => l.date >= '2026-11-01'),
      placement,
    );
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ date: '2026-11-01', label: 'dim. 01/11', inPlacement: true, hours: 0, confirmed: false, comments: [] });
    expect(days[1]).toMatchObject({ label: 'lun. 02/11', hours: 3.5, confirmed: true });
    expect(days[2]).toMatchObject({ hours: 2, comments: ['Parti plus tôt'] });
    expect(timesheetDays('2027-04', [], placement).filter((d) => d.inPlacement)).toHaveLength(0);

    await renderRoutes(ctx, documentsRoutes, timesheetPath(measure.id, placement.id, '2026-11'));
    await screen.findByRole('heading', { level: 1, name: 'Feuille de présence mensuelle – novembre 2026' });
    const rows = [...article().querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(30);
    expect([...rows[1]!.children].map((c) => c.textContent)).toEqual(['lun. 02/11', '3,5', 'oui', '', '']);
    expect(article().querySelector('tfoot')!.textContent).toBe('Total5,5Cumul sur la mesure au 30/11/2026 : 9,5 h sur 20 h ordonnées ; reste 10,5 h');
  });

  it('says so when the month in the address is not one', async () => {
    const { ctx, measure, placement } = await measureWithHours([]);
    await renderRoutes(ctx, documentsRoutes, timesheetPath(measure.id, placement.id, '2026-13'));
    await screen.findByText('Cette mise en situation ou ce mois n’existe pas.');
  });
});

describe('the other documents', () => {
  it('address the placement sheet to the tutor at the host', async () => {
    const { ctx, measure, placement } = await measureWithHours([['2026-11-02', 7]]);
    await renderRoutes(ctx, documentsRoutes, placementSheetPath(measure.id, placement.id));
    await screen.findByRole('heading', { level: 1, name: 'Fiche de mise en situation – Travail d’intérêt général' });
    const text = article().textContent!;
    expect(text).toContain('À l’attention de Claire Morel, tuteur');
    expect(text).toContain('du 01/10/2026 au 31/03/2027');
    expect(text).toContain('20 h (7 h déjà effectuées)');
    expect(text).toContain('Travail à accomplir au plus tard le 01/01/2028');
    expect(text).toContain('Signaler sans délai au service toute absence');
  });

  it('print the service’s address, phone and e-mail, and tell the tutor where to report', async () => {
    const { ctx, measure, placement } = await measureWithHours([['2026-11-02', 7]]);
    await saveSiteContact(ctx, {
      address: '12 rue de la Ravinelle',
      postalCode: '54000',
      communeName: 'Nancy',
      phone: '03 83 00 00 00',
      email: 'spip54@justice.fr',
    });
    await renderRoutes(ctx, documentsRoutes, placementSheetPath(measure.id, placement.id));
    await screen.findByText('Tél. : 03 83 00 00 00');
    const sender = document.querySelector('.app-document__sender')!.textContent!;
    expect(sender).toContain('12 rue de la Ravinelle\n54000 Nancy');
    expect(sender).toContain('Courriel : spip54@justice.fr');
    expect(article().textContent).toContain('Signaler sans délai au service (03 83 00 00 00, spip54@justice.fr) toute absence');
  });

  it('report an incident to the judge with the hours done that day', async () => {
    const { ctx, measure, placement } = await measureWithHours([
      ['2026-11-02', 7],
      ['2026-11-05', 3],
    ]);
    const incident = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-04',
      kind: 'absence_injustifiee',
      description: 'Absent sans prévenir',
    });
    await renderRoutes(ctx, documentsRoutes, incidentReportPath(measure.id, incident.id));
    await screen.findByRole('heading', { level: 1, name: 'Rapport d’incident – TIG (peine)' });
    const text = article().textContent!;
    expect(text).toContain('Objet : incident du 04/11/2026 (absence injustifiée)');
    expect(text).toContain('7 h effectuées au jour de l’incident sur 20 h ordonnées');
    expect(text).toContain('Entretien des espaces verts, Association Les Jardins du Cœur (tuteur : Claire Morel)');
  });

  it('close a measure with the report of its end, and only an ended one', async () => {
    const { ctx, measure } = await measureWithHours([['2026-11-02', 7]]);
    const view = await renderRoutes(ctx, documentsRoutes, endOfMeasurePath(measure.id));
    await screen.findByText(/le rapport de fin de mesure s’établit une fois qu’elle a pris fin/);
    view.unmount();
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    const file = (await measureFile(ctx, measure.id))!;
    expect(outcomeSentence(file)).toBe('Mesure révoquée le 20/11/2026 (7 h effectuées sur 20 h ordonnées à cette date, 13 h restant à accomplir).');
    await renderRoutes(ctx, documentsRoutes, endOfMeasurePath(measure.id));
    await screen.findByRole('heading', { level: 1, name: 'Rapport de fin de mesure – TIG (peine)' });
    expect(article().textContent).toContain('Mesure révoquée le 20/11/2026');
    expect(article().querySelector('tfoot')!.textContent).toBe('Total7 h');
  });
});

describe('the documents of a measure ordered in days', () => {
  /** A stage of 2 days: two logs on 2 November, one on 3 November (the second day ends it). */
  async function stageDone() {
    const ctx = await testContext();
    const seeded = await seedPlacement(ctx, {}, { kind: 'stage', hoursOrdered: undefined, daysOrdered: 2 });
    const { measure, person, placement } = seeded;
    const log = (date: string, hours: number) => ({
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date,
      hours,
      confirmedByTutor: true,
    });
    await addHourLogs(ctx, [log('2026-11-02', 3), log('2026-11-02', 4), log('2026-11-03', 7)]);
    return { ctx, ...seeded };
  }

  it('attest the days done, with their hours, and report the end in days', async () => {
    const { ctx, measure, placement } = await stageDone();
    const attestation = await renderRoutes(ctx, documentsRoutes, attestationPath(measure.id));
    await screen.findByRole('heading', { level: 1, name: 'Attestation d’exécution – Stage' });
    let text = article().textContent!;
    expect(text).toContain('a effectué 2 jours (14 h) au titre de la mesure « Stage », soit la totalité des 2 jours ordonnés par décision du 01/06/2026');
    expect(text).toContain('tous les jours ordonnés ayant été accomplis');
    expect(text).toContain('Jours ordonnés2 jours');
    attestation.unmount();

    const file = (await measureFile(ctx, measure.id))!;
    expect(outcomeSentence(file)).toBe('Mesure terminée le 03/11/2026 : exécutée en totalité (2 jours effectués sur 2 jours ordonnés).');
    expect(attestationRefusal({ ...file, progress: { ...file.progress, done: 1 } })).toBe(
      'Les jours enregistrés (1 jour) ne correspondent pas aux 2 jours ordonnés : vérifiez les saisies avant d’établir l’attestation.',
    );

    const timesheet = await renderRoutes(ctx, documentsRoutes, timesheetPath(measure.id, placement.id, '2026-11'));
    await screen.findByRole('heading', { level: 1, name: 'Feuille de présence mensuelle – novembre 2026' });
    expect(article().querySelector('tfoot')!.textContent).toBe('Total14Cumul sur la mesure au 30/11/2026 : 2 jours sur 2 jours ordonnés ; reste 0 jour');
    timesheet.unmount();

    await renderRoutes(ctx, documentsRoutes, placementSheetPath(measure.id, placement.id));
    await screen.findByRole('heading', { level: 1, name: /^Fiche de mise en situation/ });
    text = article().textContent!;
    expect(text).toContain('Jours ordonnés2 jours (2 jours déjà effectués)');
  });
});

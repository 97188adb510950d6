import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import { addHourLog } from '../../../shared/repos/hourLogs.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import { applyReferenceData } from '../../../shared/repos/reference.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import type { AnswerContent, DossierContent, TransferHeader } from '../../../shared/sync/transfer.ts';
import { getTransfer, listTransfers, prepareTransfer, receiveTransfer } from '../../../shared/sync/transfers.ts';
import { testContext, testSite } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { PersonPage } from '../persons/PersonPage.tsx';
import { SyncProvider } from '../sync/index.ts';
import { searchSites, TransferPersonPage } from './TransferPersonPage.tsx';
import { TransferPage } from './TransferPage.tsx';
import { TransfersPage } from './TransfersPage.tsx';

const PERSON_KEY = 'ab'.repeat(32);
const RECEIVER_KEY = 'cd'.repeat(32);
const SENDER_KEY = 'ef'.repeat(32);

const bridge = {
  appInfo: vi.fn(async () => ({ version: 'test', host: 'web' as const, dataDir: '/tmp' })),
  startSession: vi.fn(async () => ({ mode: 'site' as const, hq: null })),
  syncStatus: vi.fn(async () => {
    throw new Error('hors sujet');
  }),
  syncCheckNow: vi.fn(async () => ({ status: { folder: null, reachable: false, checkedAt: '2026-11-25T10:00:00.000Z' }, inbox: { problems: [] } })),
  officeStatus: vi.fn(async () => ({ enabled: false, deviceId: null, devices: [] })),
  transferPersonKey: vi.fn(async () => ({ personKey: PERSON_KEY })),
  transferWrite: vi.fn(async ({ content, target }: { content: DossierContent | AnswerContent; target: { folder: string } }) => {
    const fileName = `${content.kind}-${content.from.code}-vers-${content.to.code}-${content.transferId}.passerelle-transfert`;
    return { fileName, output: { files: [fileName], folder: target.folder, download: null } };
  }),
  transferOpen: vi.fn(),
  on: () => () => undefined,
};
window.passerelle = bridge as unknown as Bridge;

beforeEach(() => vi.clearAllMocks());
afterEach(cleanup);

/** Two SPIPs holding the same signed directory, each with the other's encryption key. */
async function twoSites() {
  const sender = await testContext();
  const receiver = await testContext({ ...testSite, code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57', userName: 'Inès Moreau' });
  const ids = [(await readIdentity(sender.db))!, (await readIdentity(receiver.db))!];
  const sites = ids.map((identity, i) => ({
    siteId: identity.siteId,
    code: identity.code,
    name: identity.name,
    kind: identity.kind,
    departement: identity.departement,
    signingKey: '01'.repeat(32),
    encryptionKey: i === 0 ? SENDER_KEY : RECEIVER_KEY,
  }));
  const data = { kind: 'passerelle-reference' as const, issuedAt: '2026-11-25T08:00:00.000Z', activityDomains: [], sites, records: {} };
  for (const ctx of [sender, receiver]) await applyReferenceData(ctx, data);
  return { sender, receiver };
}

/** A TIG of 70 h with 14 h done on a running placement. */
async function startedTig(ctx: RepoContext) {
  const seeded = await seedPlacement(ctx);
  for (const date of ['2026-10-05', '2026-10-06'])
    await addHourLog(ctx, {
      measureId: seeded.measure.id,
      personId: seeded.person.id,
      placementId: seeded.placement.id,
      date,
      hours: 7,
      confirmedByTutor: true,
    });
  return seeded;
}

const transferRoutes = [
  { path: 'personnes/:personId', element: createElement(SyncProvider, null, createElement(PersonPage)) },
  { path: 'personnes/:personId/transferer', element: createElement(SyncProvider, null, createElement(TransferPersonPage)) },
  { path: 'transferts', element: createElement(SyncProvider, null, createElement(TransfersPage)) },
  { path: 'transferts/:transferId', element: createElement(SyncProvider, null, createElement(TransferPage)) },
];

/** The web host's « write to this folder »: the path typed, then the button. */
function writeToFolder(path: string) {
  fireEvent.change(screen.getByLabelText(/^Transférer dans un autre dossier|^Écrire dans un autre dossier/), { target: { value: path } });
  fireEvent.click(screen.getByRole('button', { name: 'Écrire dans ce dossier' }));
}

describe('searching the site directory', () => {
  it('finds services by name, code or département, never this site or headquarters', () => {
    const sites = [
      { siteId: 'a', code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57', kind: 'spip' },
      { siteId: 'b', code: 'CP-METZ', name: 'Centre pénitentiaire de Metz', departement: '57', kind: 'etablissement' },
      { siteId: 'c', code: 'ATIGIP', name: 'Agence du TIG', departement: '75', kind: 'atigip' },
      { siteId: 'd', code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle', departement: '54', kind: 'spip' },
    ];
    expect(searchSites(sites, 'moselle', 'd').map((s) => s.code)).toEqual(['SPIP-57']);
    expect(searchSites(sites, '57', 'd').map((s) => s.code)).toEqual(['CP-METZ', 'SPIP-57']);
    expect(searchSites(sites, 'spip-57', 'd').map((s) => s.code)).toEqual(['SPIP-57']);
    expect(searchSites(sites, 'Penitentiaire', 'd').map((s) => s.code)).toEqual(['CP-METZ']);
    expect(searchSites(sites, '', 'd').map((s) => s.code)).toEqual(['CP-METZ', 'SPIP-57']);
  });
});

describe('a person’s file transferred from the screens', () => {
  it('« Transférer le dossier » picks the site, the measures and the date, closes the measure here and writes the file', async () => {
    const { sender } = await twoSites();
    const { person, measure } = await startedTig(sender);
    const { router } = await renderRoutes(sender, transferRoutes, `/personnes/${person.id}`);
    fireEvent.click(await screen.findByRole('link', { name: 'Transférer le dossier' }));
    await screen.findByRole('heading', { name: 'Transférer le dossier de LEFÈVRE Julien' });
    expect(screen.getByText('Choisissez le site qui reprend le suivi dans l’annuaire des sites.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Rechercher un site/), { target: { value: 'moselle' } });
    fireEvent.click(await screen.findByLabelText(/^SPIP-57 · SPIP de la Moselle/));
    const measures = screen.getByRole('group', { name: 'Mesures concernées' });
    expect(within(measures).getByLabelText(/^TIG \(peine\), décision du 01\/06\/2026/)).toHaveProperty('checked', true);
    fireEvent.change(screen.getByLabelText(/^Date du transfert/), { target: { value: '2026-11-20' } });
    writeToFolder('/partage/passerelle');

    await waitFor(() => expect(router.state.location.pathname).toBe('/transferts'));
    const [call] = bridge.transferWrite.mock.calls[0]!;
    expect(call).toMatchObject({ recipientKey: RECEIVER_KEY, target: { folder: '/partage/passerelle' } });
    expect(call.content).toMatchObject({ kind: 'dossier', to: { code: 'SPIP-57' }, on: '2026-11-20', pseudonymKey: PERSON_KEY, person: { id: person.id } });
    expect(bridge.transferPersonKey).toHaveBeenCalledWith({ personId: person.id });
    expect(await sender.db.measures.get(measure.id)).toMatchObject({ status: 'transferee', endedOn: '2026-11-20' });
    await screen.findByText(/Dossier de LEFÈVRE Julien transféré à SPIP-57 \(SPIP de la Moselle\) le 20\/11\/2026/);
    const sent = await screen.findByRole('table', { name: 'Dossiers envoyés' });
    expect(within(sent).getByText('En attente de la réponse de SPIP-57')).toBeTruthy();

    // The sender's closed record on the person page: transferred on the date, to whom, not answered yet.
    await router.navigate(`/personnes/${person.id}`);
    await screen.findByText(/Mesure transférée le 20\/11\/2026 à SPIP-57 \(SPIP de la Moselle\) : en attente de sa réponse\./);
  });

  it('« Dossiers reçus »: a chosen file is kept, previewed, matched, accepted, and its answer written', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await startedTig(sender);
    await startedTig(receiver);
    const content = await sendFrom(sender, receiver, person.id, measure.id);
    bridge.transferOpen.mockResolvedValueOnce({ fileName: 'dossier.passerelle-transfert', header: headerOf(content), content });

    const { router } = await renderRoutes(receiver, transferRoutes, '/transferts');
    await screen.findByText('Aucun dossier reçu');
    const input = screen.getByLabelText(/^Ouvrir un fichier de dossier transféré/);
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([1, 2, 3])], 'dossier.passerelle-transfert')] } });
    await screen.findByText('1 nouveau dossier reçu.');
    expect(bridge.transferOpen).toHaveBeenCalledWith({ file: { name: 'dossier.passerelle-transfert', base64: 'AQID' }, directory: expect.any(Array) });
    const received = await screen.findByRole('table', { name: 'Dossiers reçus' });
    expect(within(received).getByText('SPIP-54 (SPIP de Meurthe-et-Moselle)')).toBeTruthy();
    fireEvent.click(within(received).getByRole('link', { name: 'LEFÈVRE Julien' }));

    await screen.findByRole('heading', { name: 'Dossier reçu : LEFÈVRE Julien' });
    const measures = screen.getByRole('table', { name: 'Mesures transférées' });
    expect(within(measures).getByText('14 h sur 70 h')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Mises en situation' }).textContent).toContain('Entretien des espaces verts');
    // The receiver already follows a person of the same names and birth date: attaching is offered.
    fireEvent.click(await screen.findByLabelText(/^Rattacher le dossier à LEFÈVRE Julien/));
    fireEvent.click(screen.getByRole('button', { name: 'Accepter le dossier' }));
    await screen.findByRole('heading', { name: 'Réponse à envoyer' });
    const entry = await getTransfer(receiver, content.transferId);
    expect(entry).toMatchObject({ status: 'accepte' });
    expect(entry?.personId).not.toBe(person.id);
    expect(await receiver.db.measures.get(measure.id)).toMatchObject({ status: 'en_cours', personId: entry?.personId });

    writeToFolder('/partage/passerelle');
    await screen.findByText(/^Fichier reponse-SPIP-57-vers-SPIP-54-.* écrit dans \/partage\/passerelle\.$/);
    expect(bridge.transferWrite.mock.calls[0]![0]).toMatchObject({ recipientKey: SENDER_KEY, content: { kind: 'reponse', decision: 'accepte' } });
    await router.navigate(`/personnes/${entry!.personId}`);
    await screen.findByText('Mesure reçue de SPIP-54 (SPIP de Meurthe-et-Moselle), transférée le 20/11/2026.');
  });

  it('« Refuser » asks for a reason, then keeps nothing of the file', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await startedTig(sender);
    const content = await sendFrom(sender, receiver, person.id, measure.id);
    await receiveTransfer(receiver, { header: headerOf(content), content });
    await renderRoutes(receiver, transferRoutes, `/transferts/${content.transferId}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Refuser le dossier' }));
    await screen.findByText('Motif du refus : champ obligatoire');
    fireEvent.change(screen.getByLabelText(/^Motif du refus/), { target: { value: 'La personne réside dans les Vosges.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Refuser le dossier' }));
    await screen.findByText('Refusé le 25/11/2026 : La personne réside dans les Vosges.');
    expect(await receiver.db.measures.count()).toBe(0);
    expect(await listTransfers(receiver)).toMatchObject([{ status: 'refuse', answer: { decision: 'refuse', reason: 'La personne réside dans les Vosges.' } }]);
  });
});

async function sendFrom(sender: RepoContext, receiver: RepoContext, personId: string, measureId: string): Promise<DossierContent> {
  const to = (await readIdentity(receiver.db))!;
  return prepareTransfer(sender, { personId, measureIds: [measureId], on: '2026-11-20', toSiteId: to.siteId, personKey: PERSON_KEY });
}

function headerOf(content: DossierContent): TransferHeader {
  return {
    formatVersion: 1,
    kind: 'dossier',
    transferId: content.transferId,
    from: { siteId: content.from.siteId, code: content.from.code },
    to: { siteId: content.to.siteId, code: content.to.code },
    createdAt: '2026-11-25T10:00:00.000Z',
    recipientKeyId: '0123456789abcdef',
    handover: { personKey: content.pseudonymKey, upTo: content.offerClock, records: { measure: [], placement: [], hourLog: [], incident: [] } },
  };
}

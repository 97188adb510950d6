import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Target } from '../../../shared/bridge/syncSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import { foldName } from '../../../shared/format/text.ts';
import { personPage } from '../../../shared/repos/persons.ts';
import { referenceSites } from '../../../shared/repos/reference.ts';
import { isTransferable, receivingKinds, transferRefusal } from '../../../shared/rules/transfers.ts';
import { amountWith } from '../../../shared/rules/ordered.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { carriedPersonKeys, prepareTransfer } from '../../../shared/sync/transfers.ts';
import { useIdentity, useRecord, useRepo, useToday } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { downloadPayload, TargetActions } from '../sync/index.ts';
import { transfersPath } from './paths.ts';

/** Sites shown for a search at most: the directory holds a few hundred. */
const SHOWN_SITES = 12;

/** Sites of the directory that can take the person over, matching the search by name, code or département. */
export function searchSites<S extends { siteId: string; code: string; name: string; departement: string; kind: string }>(
  sites: readonly S[],
  query: string,
  ownSiteId: string,
): S[] {
  const words = foldName(query).split(' ').filter(Boolean);
  return sites
    .filter((s) => s.siteId !== ownSiteId && (receivingKinds as readonly string[]).includes(s.kind))
    .filter((s) => {
      const text = foldName(`${s.code} ${s.name} ${s.departement}`);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'fr'));
}

/**
 * « Transférer le dossier »: the site that takes the follow-up over, chosen in the signed directory; the open
 * measures concerned; the date. Writing closes the measures here as « transférée » and writes the file,
 * encrypted to that site, to the share, a chosen folder or a download.
 */
export function TransferPersonPage() {
  const { personId = '' } = useParams();
  const ctx = useRepo();
  const identity = useIdentity();
  const navigate = useNavigate();
  const page = useRecord(personPage, personId);
  const sites = useLiveQuery(() => referenceSites(ctx), [ctx]);
  const [query, setQuery] = useState('');
  const [siteId, setSiteId] = useState<string>();
  const [chosen, setChosen] = useState<string[]>();
  const today = useToday();
  const [on, setOn] = useState(today);

  if (page === undefined || sites === undefined) return <Loading />;
  if (page === null) return <Alert severity="warning" title="Personne introuvable" description="Cette personne n’existe pas ou a été supprimée." />;
  const { person } = page;
  const name = `${person.lastName.toUpperCase()} ${person.firstName}`;
  const open = page.measures.filter((v) => isTransferable(v.measure));
  const measureIds = chosen ?? open.map((v) => v.measure.id);
  const found = searchSites(sites, query, identity.siteId);
  const destination = sites.find((s) => s.siteId === siteId);
  const refusal = transferRefusal({
    siteId: identity.siteId,
    destination,
    measures: open.filter((v) => measureIds.includes(v.measure.id)).map((v) => v.measure),
    personId: person.id,
    on,
    today,
  });

  const write = async (target: Target) => {
    if (refusal || !destination?.encryptionKey) throw new Error(refusal);
    const bridge = getBridge();
    const personKey = (await carriedPersonKeys(ctx)).get(person.id) ?? (await bridge.transferPersonKey({ personId: person.id })).personKey;
    const content = await prepareTransfer(ctx, { personId: person.id, measureIds, on, toSiteId: destination.siteId, personKey });
    let written;
    try {
      written = await bridge.transferWrite({ content, recipientKey: destination.encryptionKey, target });
    } catch (error) {
      // The measures are closed and the transfer kept: the file can be written again from « Transferts ».
      void navigate(
        transfersPath,
        flash(
          `Le transfert de ${name} vers ${destination.code} est enregistré.`,
          `Le fichier n’a pas pu être écrit : ${errorMessage(error)} Écrivez-le à nouveau ci-dessous (« Écrire à nouveau le fichier »).`,
        ),
      );
      return;
    }
    if (written.output.download) downloadPayload(written.output.download);
    const where = written.output.folder ? `dans ${written.output.folder}` : 'en téléchargement';
    void navigate(
      transfersPath,
      flash(`Dossier de ${name} transféré à ${destination.code} (${destination.name}) le ${formatDate(on)} : fichier ${written.fileName} écrit ${where}.`),
    );
  };

  return (
    <Page title={`Transférer le dossier de ${name}`}>
      <p>
        Le site choisi reprend le suivi : il reçoit l’identité de la personne et tout ce qui est enregistré sur les mesures transférées (mises en situation,
        heures, incidents, suspensions, historique), chiffré pour lui seul et signé par votre site. Ici, les mesures passent « transférées » à la date choisie
        et restent consultables.
      </p>
      {open.length === 0 ? (
        <Alert
          severity="info"
          title="Aucune mesure à transférer"
          description="Seules les mesures à affecter, en cours ou suspendues se transfèrent : les mesures terminées restent au site qui les a suivies."
        />
      ) : (
        <>
          <h2 className="fr-h5">1. Site qui reprend le suivi</h2>
          <Input
            label="Rechercher un site"
            hintText="Nom, code ou numéro de département, par exemple « Moselle », « SPIP-57 » ou « 57 »"
            nativeInputProps={{ value: query, onChange: (e) => setQuery(e.target.value), type: 'search', autoComplete: 'off' }}
          />
          {sites.length === 0 ? (
            <Alert
              severity="warning"
              small
              description="L’annuaire des sites n’est pas encore arrivé : il vient avec les données de référence du siège, après un premier échange."
            />
          ) : found.length === 0 ? (
            <p>Aucun site de l’annuaire ne correspond à cette recherche.</p>
          ) : (
            <RadioButtons
              legend="Sites de l’annuaire"
              name="site"
              options={found.slice(0, SHOWN_SITES).map((s) => ({
                label: `${s.code} · ${s.name}`,
                hintText: `${siteKindLabels[s.kind]}, département ${s.departement}${s.encryptionKey ? '' : ' (pas encore de clé de chiffrement)'}`,
                nativeInputProps: { value: s.siteId, checked: s.siteId === siteId, onChange: () => setSiteId(s.siteId) },
              }))}
            />
          )}
          {found.length > SHOWN_SITES && <p className="fr-text--sm">{found.length - SHOWN_SITES} autres sites : précisez la recherche.</p>}

          <h2 className="fr-h5">2. Mesures transférées</h2>
          <Checkbox
            legend="Mesures concernées"
            options={open.map((v) => ({
              label: `${measureKindLabels[v.measure.kind]}, décision du ${formatDate(v.measure.decisionDate)}`,
              hintText: `${amountWith(v.progress.unit, v.progress.done, 'effectué')} sur ${amountWith(v.progress.unit, v.progress.ordered, 'ordonné')}`,
              nativeInputProps: {
                value: v.measure.id,
                checked: measureIds.includes(v.measure.id),
                onChange: (e) => setChosen(e.target.checked ? [...measureIds, v.measure.id] : measureIds.filter((id) => id !== v.measure.id)),
              },
            }))}
          />

          <h2 className="fr-h5">3. Date du transfert</h2>
          <Input
            label="Date du transfert"
            hintText="Le jour où le suivi passe à l’autre site : les heures effectuées jusque-là restent comptées."
            nativeInputProps={{ type: 'date', value: on, onChange: (e) => setOn(e.target.value) }}
          />

          <h2 className="fr-h5">4. Écrire le fichier du dossier</h2>
          {refusal ? (
            <Alert severity="info" small description={refusal} className="fr-mb-2w" />
          ) : (
            <p>
              Le dossier part vers <strong>{destination?.code}</strong> ({destination?.name}). Déposez le fichier dans le dossier de synchronisation (le siège
              le relaie au site destinataire sans pouvoir l’ouvrir), ou sur une clé USB.
            </p>
          )}
          <TargetActions
            disabled={refusal !== undefined}
            labels={{
              syncFolder: 'Transférer par le dossier de synchronisation',
              download: 'Transférer et télécharger le fichier',
              folder: 'Transférer dans un autre dossier',
            }}
            progress="Écriture du dossier chiffré…"
            onTarget={write}
          />
        </>
      )}
    </Page>
  );
}

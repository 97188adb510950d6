import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { formatDate, todayIso } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { measureFile, type MeasureFile } from '../../../shared/repos/documents.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import type { Organisation } from '../../../shared/schemas/organisation.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import './documents.css';

/** `LEFÈVRE Julien`, as on every document. */
export function fullName(p: { lastName: string; firstName: string }): string {
  return `${p.lastName.toUpperCase()} ${p.firstName}`;
}

/** `novembre 2026` for `2026-11`. */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The measure file of the address's `measureId`: undefined while it loads, null when it does not exist. */
export function useMeasureFile(): MeasureFile | null | undefined {
  const ctx = useRepo();
  const { measureId = '' } = useParams();
  return useLiveQuery(async () => (await measureFile(ctx, measureId)) ?? null, [ctx, measureId]);
}

/** Back to the measure on the person page. */
export function backPath(file: Pick<MeasureFile, 'person' | 'measure'>): string {
  return `/personnes/${file.person.id}#mesure-${file.measure.id}`;
}

/** The host's postal address, as an envelope shows it. */
export function AddressLines({ organisation }: { organisation: Organisation }) {
  return (
    <>
      <p>
        <strong>{organisation.name}</strong>
      </p>
      {organisation.street && <p>{organisation.street}</p>}
      <p>
        {organisation.postalCode ? `${organisation.postalCode} ` : ''}
        {organisation.communeName}
      </p>
    </>
  );
}

/** A document that cannot be produced (record gone, or not yet due): why, and the way back. */
export function DocumentUnavailable({ title, message, back }: { title: string; message: string; back: string }) {
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      <Alert severity="warning" small description={message} className="fr-mb-3w" />
      <Button priority="secondary" linkProps={{ to: back }}>
        Retour
      </Button>
    </>
  );
}

/**
 * A printable A4 document: a toolbar that never prints (back, print, the document's own controls), then
 * the sheet with the service's letterhead, the recipient, the title, the content and a footer.
 */
export function DocumentFrame({
  title,
  back,
  recipient,
  toolbar,
  compact = false,
  children,
}: {
  title: string;
  back: string;
  recipient?: ReactNode;
  toolbar?: ReactNode;
  /** A smaller letterhead and text, for a form that must fit on one page (the monthly timesheet). */
  compact?: boolean;
  children: ReactNode;
}) {
  const ctx = useRepo();
  const identity = useIdentity();
  const today = todayIso(ctx.clock.now());
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  return (
    <>
      <div className="app-document-toolbar app-no-print">
        <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
          Retour à la fiche
        </Button>
        <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
        {toolbar}
        <p className="fr-hint-text fr-mb-0">
          Pour un PDF, choisissez « Enregistrer au format PDF » ou « Microsoft Print to PDF » dans la fenêtre d’impression.
        </p>
      </div>
      <article className={`app-document${compact ? ' app-document--compact' : ''}`} aria-labelledby="document-titre">
        <header className="app-document__header">
          <div className="app-document__sender">
            <p className="app-document__republic">République française</p>
            <p className="app-document__motto">Liberté, Égalité, Fraternité</p>
            <p className="fr-mt-1w">Ministère de la Justice</p>
            <p>Direction de l’administration pénitentiaire</p>
            <p className="fr-mt-1w">
              <strong>{identity.name}</strong>
            </p>
            <p>{siteKindLabels[identity.kind]}</p>
            <p>Département : {departementLabel(identity.departement)}</p>
          </div>
          <p className="app-document__place">Le {formatDate(today)}</p>
        </header>
        {recipient && <div className="app-document__recipient">{recipient}</div>}
        <h1 id="document-titre">{title}</h1>
        {children}
        <footer className="app-document__footer">
          <p className="fr-mb-0">
            Document établi le {formatDate(today)} par {identity.userName} ({identity.name}, {identity.code}) avec Passerelle. Il contient des données à
            caractère personnel relevant de l’exécution d’une décision de justice : à ne communiquer qu’à ses destinataires.
          </p>
        </footer>
      </article>
    </>
  );
}

export function SignatureBox({ title, lines = [] }: { title: string; lines?: string[] }) {
  return (
    <div className="app-document__signature">
      <p>
        <strong>{title}</strong>
      </p>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

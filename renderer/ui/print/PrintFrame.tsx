import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, type ReactNode } from 'react';
import { formatDate } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { siteKindLabels, type SiteContact, type SiteIdentity } from '../../../shared/schemas/site.ts';
import './print.css';

/** Who issues a printed document, and when: the configured site and user, today's date (`usePrintIssuer()` of the shell). */
export interface PrintIssuer {
  identity: SiteIdentity;
  today: string;
  /** The service's address, phone and e-mail (Paramètres), printed under its name. */
  contact: SiteContact;
}

/** « 03 83 00 00 00, spip54@justice.fr »: how to reach the service, in a sentence; empty when unknown. */
/** The service's postal address, one line per element: street lines, then « code postal commune ». */
function addressLines(contact: SiteContact): string[] {
  const town = [contact.postalCode, contact.communeName].filter(Boolean).join(' ');
  return [...(contact.address?.split('\n') ?? []), ...(town ? [town] : [])];
}

export function contactLine(contact: SiteContact): string {
  return [contact.phone, contact.email].filter(Boolean).join(', ');
}

/**
 * A printable A4 document: a toolbar that never prints (back, print, the document's own controls), then the
 * sheet with the site's letterhead, the recipient, the title, the content and a footer saying who made it.
 */
export function PrintFrame({
  issuer: { identity, today, contact },
  title,
  back,
  backLabel = 'Retour à la fiche',
  recipient,
  toolbar,
  judicial = false,
  compact = false,
  className,
  children,
}: {
  issuer: PrintIssuer;
  title: string;
  back: string;
  backLabel?: string;
  recipient?: ReactNode;
  toolbar?: ReactNode;
  /** The personal data it holds concern the execution of a court decision (a measure's documents): the footer says so. */
  judicial?: boolean;
  /** A smaller letterhead and text, for a form that must fit on one page (the monthly timesheet). */
  compact?: boolean;
  /** The document's own styles (a table laid out for signatures). */
  className?: string;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  const classes = ['app-document', compact ? 'app-document--compact' : '', className ?? ''].filter(Boolean).join(' ');
  const postal = addressLines(contact);
  return (
    <>
      <div className="app-document-toolbar app-no-print">
        <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
          {backLabel}
        </Button>
        <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
        {toolbar}
        <p className="fr-hint-text fr-mb-0">
          Pour un PDF, choisissez « Enregistrer au format PDF » ou « Microsoft Print to PDF » dans la fenêtre d’impression.
        </p>
      </div>
      <article className={classes} aria-labelledby="document-titre">
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
            {postal.length > 0 ? <p className="app-document__address">{postal.join('\n')}</p> : <p>Département : {departementLabel(identity.departement)}</p>}
            {contact.phone && <p>Tél. : {contact.phone}</p>}
            {contact.email && <p>Courriel : {contact.email}</p>}
          </div>
          <p className="app-document__place">Le {formatDate(today)}</p>
        </header>
        {recipient && <div className="app-document__recipient">{recipient}</div>}
        <h1 id="document-titre">{title}</h1>
        {children}
        <footer className="app-document__footer">
          <p className="fr-mb-0">
            Document établi le {formatDate(today)} par {identity.userName} ({identity.name}, {identity.code}) avec Passerelle. Il contient des données à
            caractère personnel{judicial ? ' relevant de l’exécution d’une décision de justice' : ''} : à ne communiquer qu’à ses destinataires.
          </p>
        </footer>
      </article>
    </>
  );
}

/** The boxes where the people named sign, side by side at the foot of a document. */
export function Signatures({ children }: { children: ReactNode }) {
  return <div className="app-document__signatures">{children}</div>;
}

/** One signature box: who signs, then what they write (name, « Date et signature »). */
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

/** A document that cannot be produced (record gone, or not yet due): why, and the way back. */
export function DocumentUnavailable({ title, message, back }: { title: string; message: string; back: string }) {
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      <Alert severity="warning" small description={message} className="fr-mb-3w" />
      <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
        Retour
      </Button>
    </>
  );
}

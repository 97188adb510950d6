import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { today } from '../../../shared/util.ts';
import { sessionView, type SessionView } from '../../../shared/repos/workshopViews.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import './workshops.css';

/** The session of the address's `sessionId`: undefined while it loads, null when it does not exist. */
export function useSessionView(): SessionView | null | undefined {
  const ctx = useRepo();
  const { sessionId = '' } = useParams();
  return useLiveQuery(async () => (await sessionView(ctx, sessionId)) ?? null, [ctx, sessionId]);
}

/** A document that cannot be produced (record gone): why, and the way back. */
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

/**
 * A printable A4 document: a toolbar that never prints (back, print), then the sheet with the site's
 * letterhead, the title, the content and a footer saying who made it.
 */
export function PrintFrame({ title, back, backLabel, children }: { title: string; back: string; backLabel: string; children: ReactNode }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const day = today(ctx);
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  return (
    <>
      <div className="app-sheet-toolbar app-no-print">
        <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
          {backLabel}
        </Button>
        <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
        <p className="fr-hint-text fr-mb-0">
          Pour un PDF, choisissez « Enregistrer au format PDF » ou « Microsoft Print to PDF » dans la fenêtre d’impression.
        </p>
      </div>
      <article className="app-sheet" aria-labelledby="document-titre">
        <header className="app-sheet__header">
          <div>
            <p className="app-sheet__republic">République française</p>
            <p className="app-sheet__motto">Liberté, Égalité, Fraternité</p>
            <p className="fr-mt-1w">Ministère de la Justice</p>
            <p>Direction de l’administration pénitentiaire</p>
            <p className="fr-mt-1w">
              <strong>{identity.name}</strong>
            </p>
            <p>{siteKindLabels[identity.kind]}</p>
            <p>Département : {departementLabel(identity.departement)}</p>
          </div>
          <p>Le {formatDate(day)}</p>
        </header>
        <h1 id="document-titre">{title}</h1>
        {children}
        <footer className="app-sheet__footer">
          <p className="fr-mb-0">
            Document établi le {formatDate(day)} par {identity.userName} ({identity.name}, {identity.code}) avec Passerelle. Il contient des données à caractère
            personnel : à ne communiquer qu’à ses destinataires.
          </p>
        </footer>
      </article>
    </>
  );
}

export function SignatureBox({ title, lines = [] }: { title: string; lines?: string[] }) {
  return (
    <div className="app-sheet__signature">
      <p>
        <strong>{title}</strong>
      </p>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

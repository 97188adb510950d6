import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatHours, formatNumber } from '../../../shared/format/fr.ts';
import { IDLE_PLACEMENT_DAYS, type Dashboard } from '../../../shared/repos/dashboard.ts';
import { HABILITATION_WARNING_DAYS } from '../../../shared/rules/habilitation.ts';
import { DEADLINE_WARNING_DAYS } from '../../../shared/rules/deadline.ts';
import { incidentKindLabels } from '../../../shared/schemas/incident.ts';
import { measureKindLabels } from '../../../shared/schemas/measure.ts';
import { organisationPath } from '../hosts/index.ts';
import { daysText } from './chartData.ts';

/** Person pages belong to the persons screens, at this address. */
export const personPath = (personId: string) => `/personnes/${personId}`;

/** Items shown before "Afficher tout": the dashboard stays a summary. */
const FIRST_ITEMS = 6;

/** The four lists of what needs action, each item opening its record. */
export function ActionLists({ data }: { data: Dashboard }) {
  return (
    <div className="app-dashboard-lists">
      <ActionList
        id="echeances"
        title={`Échéances dans moins de ${DEADLINE_WARNING_DAYS} jours`}
        empty={`Aucune mesure en cours n’arrive à échéance dans les ${DEADLINE_WARNING_DAYS} prochains jours.`}
        items={data.deadlinesSoon.map((m) => ({
          key: m.measureId,
          content: (
            <>
              <Link to={personPath(m.personId)}>{m.personName || 'Personne'}</Link> – {measureKindLabels[m.kind]}
              <br />
              <span className={m.daysRemaining < 0 ? 'app-text-error' : undefined}>
                Échéance le {formatDate(m.deadline)}, {daysText(m.daysRemaining)}
              </span>{' '}
              · {formatHours(m.hoursDone)} sur {formatHours(m.hoursOrdered)}
            </>
          ),
        }))}
      />
      <ActionList
        id="habilitations"
        title="Habilitations qui expirent"
        empty={`Aucune habilitation n’expire dans les ${HABILITATION_WARNING_DAYS} prochains jours.`}
        items={data.habilitationsExpiring.map((h) => ({
          key: h.organisationId,
          content: (
            <>
              <Link to={organisationPath(h.organisationId)}>{h.organisationName}</Link>
              <br />
              Habilitée jusqu’au {formatDate(h.until)}, {daysText(h.daysRemaining).replace('dépassée', 'expirée')}
            </>
          ),
        }))}
      />
      <ActionList
        id="sans-heures"
        title={`Mises en situation sans heures depuis ${IDLE_PLACEMENT_DAYS} jours`}
        empty={`Toutes les mises en situation en cours ont des heures saisies depuis moins de ${IDLE_PLACEMENT_DAYS} jours.`}
        items={data.idlePlacements.map((p) => ({
          key: p.placementId,
          content: (
            <>
              <Link to={personPath(p.personId)}>{p.personName || 'Personne'}</Link> – {p.postTitle}
              <br />
              {p.lastHoursOn ? `Dernières heures le ${formatDate(p.lastHoursOn)}` : 'Aucune heure saisie depuis le début'}, il y a {formatNumber(p.daysWithoutHours)} jours
            </>
          ),
        }))}
      />
      <ActionList
        id="incidents"
        title="Incidents non signalés au JAP"
        empty="Tous les incidents enregistrés ont été signalés au juge de l’application des peines."
        items={data.unreportedIncidents.map((i) => ({
          key: i.id,
          content: (
            <>
              <Link to={personPath(i.personId)}>{i.personName || 'Personne'}</Link> – {incidentKindLabels[i.kind]} le {formatDate(i.date)}
              <br />
              <span className="app-ellipsis">{i.description}</span>
            </>
          ),
        }))}
      />
    </div>
  );
}

function ActionList({ id, title, empty, items }: { id: string; title: string; empty: string; items: { key: string; content: ReactNode }[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_ITEMS);
  return (
    <section className="app-dashboard-card" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`} className="fr-h6 fr-mb-2w">
        {title} <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--info">{formatNumber(items.length)}</span>
      </h3>
      {items.length === 0 ? (
        <p className="fr-text--sm fr-mb-0">{empty}</p>
      ) : (
        <>
          <ul className="app-action-list">
            {shown.map((item) => (
              <li key={item.key}>{item.content}</li>
            ))}
          </ul>
          {items.length > FIRST_ITEMS && (
            <Button size="small" priority="tertiary no outline" onClick={() => setAll(!all)} nativeButtonProps={{ 'aria-expanded': all }}>
              {all ? 'Afficher moins' : `Afficher les ${formatNumber(items.length)}`}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

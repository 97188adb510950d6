import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { lastOfficeSync } from '../../../shared/office/apply.ts';
import { dismissOfficeCheck, officeRuleLabels, recheckOfficeChecks } from '../../../shared/office/checks.ts';
import { keepLostValue, keepWinningValue, officeCheckRows, openOfficeConflicts, type CheckRow, type RecordMention } from '../../../shared/office/review.ts';
import { mergePersons } from '../../../shared/repos/duplicates.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { useRepo } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';
import { organisationPath, postPath } from '../hosts/index.ts';
import { personPath } from '../persons/index.ts';
import { clockText, Progress, sinceLabel, useMinuteClock, useSync, valueText } from '../sync/index.ts';
import { Workstations } from './Workstations.tsx';

export const officePath = '/bureau';

/**
 * The office of several workstations: where the exchange stands, the conflicts to settle ("Conflits"), the
 * rules broken once every workstation's changes were merged ("À vérifier"), and the workstations themselves.
 */
export function OfficePage() {
  const ctx = useRepo();
  const sync = useSync();
  const now = useMinuteClock();
  const last = useLiveQuery(() => lastOfficeSync(ctx), [ctx]);
  return (
    <Page title="Bureau : postes, conflits et points à vérifier">
      <section className="fr-mb-6w" aria-labelledby="office-state-title">
        <h2 id="office-state-title" className="fr-h4">
          Échanges entre les postes
        </h2>
        {sync.office.enabled ? (
          <p>
            Les postes du bureau s’échangent leurs modifications par le dossier partagé, au démarrage, toutes les trois minutes et sur « Synchroniser maintenant
            ». Dernier échange réussi : <strong>{last ? `${sinceLabel(now - Date.parse(last.at))} (${formatDateTime(last.at)})` : 'aucun'}</strong>.
          </p>
        ) : (
          <p>Ce poste travaille seul. Pour que des collègues partagent les données du site sur leur poste, ajoutez un poste ci-dessous.</p>
        )}
        {sync.office.enabled && (
          <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={sync.office.running} onClick={() => void sync.checkNow()}>
            Synchroniser maintenant
          </Button>
        )}
        {sync.office.running && (
          <Progress
            label={sync.office.progress?.step ?? 'Échange avec les autres postes…'}
            done={sync.office.progress?.done}
            total={sync.office.progress?.total}
          />
        )}
      </section>
      <Conflicts />
      <Checks />
      <Workstations />
    </Page>
  );
}

function MentionLink({ mention }: { mention: RecordMention }) {
  const to =
    mention.opens?.kind === 'person'
      ? personPath(mention.opens.id)
      : mention.opens?.kind === 'organisation'
        ? organisationPath(mention.opens.id)
        : mention.opens?.kind === 'post'
          ? postPath(mention.opens.id)
          : undefined;
  const label = `${mention.label}${mention.deleted ? ' (supprimé)' : ''}`;
  return to && !mention.deleted ? <Link to={to}>{label}</Link> : <span>{label}</span>;
}

function Conflicts() {
  const ctx = useRepo();
  const conflicts = useLiveQuery(() => openOfficeConflicts(ctx), [ctx]);
  const action = useAction();
  return (
    <section className="fr-mb-6w" aria-labelledby="office-conflicts-title">
      <h2 id="office-conflicts-title" className="fr-h4">
        Conflits{conflicts && conflicts.length > 0 ? ` (${conflicts.length})` : ''}
      </h2>
      <p>
        Deux postes ont modifié le même champ : la modification la plus récente est gardée partout, l’autre est listée ici. « Garder cette valeur » la remet sur
        tous les postes.
      </p>
      {action.failure && <Alert className="fr-mb-2w" severity="error" small description={action.failure} />}
      {action.notice && <Alert className="fr-mb-2w" severity="success" small description={action.notice} />}
      {conflicts === undefined ? (
        <Loading />
      ) : conflicts.length === 0 ? (
        <EmptyState title="Aucun conflit">Les modifications des différents postes n’ont jamais porté sur le même champ au même moment.</EmptyState>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Conflits entre postes</caption>
            <thead>
              <tr>
                <th scope="col">Enregistrement</th>
                <th scope="col">Champ</th>
                <th scope="col">Valeur gardée</th>
                <th scope="col">Valeur écartée</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={c.key}>
                  <td>
                    <MentionLink mention={c.record} />
                  </td>
                  <td>{c.fieldLabel}</td>
                  <td>
                    <strong>{valueText(c.kept.value)}</strong>
                    <br />
                    <span className="fr-text--xs">
                      {c.kept.by}, {c.keptOn}, {clockText(c.kept.clock)}
                    </span>
                  </td>
                  <td>
                    <strong>{valueText(c.lost.value)}</strong>
                    <br />
                    <span className="fr-text--xs">
                      {c.lost.by}, {c.lostOn}, {clockText(c.lost.clock)}
                    </span>
                  </td>
                  <td>
                    <div className="fr-btns-group fr-btns-group--sm">
                      <Button
                        size="small"
                        onClick={() =>
                          action.run(() => keepLostValue(ctx, c.key), {
                            success: `« ${valueText(c.lost.value)} » remis : les autres postes le recevront au prochain échange.`,
                          })
                        }
                      >
                        Garder cette valeur
                      </Button>
                      <Button size="small" priority="secondary" onClick={() => action.run(() => keepWinningValue(ctx, c.key))}>
                        La valeur gardée est la bonne
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CheckActions({ check }: { check: CheckRow }) {
  const ctx = useRepo();
  const action = useAction();
  const [kept, duplicate] = check.mentions;
  return (
    <>
      {action.failure && <Alert className="fr-mb-1w" severity="error" small description={action.failure} />}
      <div className="fr-btns-group fr-btns-group--sm">
        {check.rule === 'duplicatePerson' && kept && duplicate && !kept.deleted && !duplicate.deleted && (
          <ConfirmButton
            size="small"
            priority="primary"
            iconId="fr-icon-git-merge-line"
            title="Fusionner ces deux personnes ?"
            confirmLabel="Fusionner"
            description={
              <p>
                Les mesures, mises en situation, heures, incidents et inscriptions de « {duplicate.label} » passent sur « {kept.label} », qui prend aussi les
                coordonnées qui lui manquent ; « {duplicate.label} » est ensuite supprimé(e). Cette opération est définitive.
              </p>
            }
            onConfirm={() =>
              action.run(async () => {
                await mergePersons(ctx, kept.id, duplicate.id);
                await recheckOfficeChecks(ctx);
              })
            }
          >
            Fusionner
          </ConfirmButton>
        )}
        <Button size="small" priority="secondary" onClick={() => action.run(() => dismissOfficeCheck(ctx, check.key))}>
          Marquer comme vérifié
        </Button>
      </div>
    </>
  );
}

function Checks() {
  const ctx = useRepo();
  const checks = useLiveQuery(() => officeCheckRows(ctx), [ctx]);
  // Entries whose records were corrected since (here or on another workstation) leave the list as it opens.
  useEffect(() => void recheckOfficeChecks(ctx).catch(() => undefined), [ctx]);
  return (
    <section className="fr-mb-6w" aria-labelledby="office-checks-title">
      <h2 id="office-checks-title" className="fr-h4">
        À vérifier{checks && checks.length > 0 ? ` (${checks.length})` : ''}
      </h2>
      <p>
        Des saisies valables sur chaque poste enfreignent une règle une fois réunies (dernière place d’un poste prise deux fois, heures au-delà de celles
        ordonnées…). Rien n’a été perdu : corrigez ce qui doit l’être, puis marquez le point comme vérifié.
      </p>
      {checks === undefined ? (
        <Loading />
      ) : checks.length === 0 ? (
        <EmptyState title="Rien à vérifier">Les modifications réunies des postes respectent toutes les règles vérifiées.</EmptyState>
      ) : (
        <ul className="fr-raw-list">
          {checks.map((check) => (
            <li key={check.key} className="fr-mb-3w">
              <p className="fr-mb-1w">
                <strong>{officeRuleLabels[check.rule]}</strong> : {check.detail}
              </p>
              <p className="fr-mb-1w">
                {check.mentions.map((m, i) => (
                  <span key={`${m.entity}:${m.id}`}>
                    {i > 0 && ' · '}
                    <MentionLink mention={m} />
                  </span>
                ))}
              </p>
              <p className="fr-text--xs fr-mb-1w">
                {counted(check.deviceNames.length, 'poste')} : {check.deviceNames.join(', ')} · relevé le {formatDateTime(check.detectedAt)}
              </p>
              <CheckActions check={check} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { MeasureFile } from '../../../shared/repos/documents.ts';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { orderedLabel } from '../../../shared/schemas/labels.ts';
import { amountWith, formatAmount } from '../../../shared/rules/ordered.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { usePrintIssuer } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { AttestationOpening, attestedWork } from './Attestation.tsx';
import { backPath, useMeasureFile } from './measureFile.tsx';

const TITLE = 'Attestation intermédiaire';

/** Why the interim attestation cannot be printed, or undefined: a measure under way with something done. */
export function interimRefusal(file: Pick<MeasureFile, 'measure' | 'progress'>): string | undefined {
  if (file.measure.status === 'terminee') return 'La mesure est terminée : établissez l’attestation d’exécution.';
  if (file.progress.done === 0)
    return `Rien n’est encore enregistré sur cette mesure : aucune ${file.progress.unit === 'days' ? 'journée' : 'heure'} à attester.`;
  return undefined;
}

/** What is done so far on a measure under way, for the person (an employer, a court, a benefits office). */
export function InterimAttestation() {
  const issuer = usePrintIssuer();
  const { identity, today } = issuer;
  const file = useMeasureFile();
  if (file === undefined) return null;
  if (!file) return <DocumentUnavailable title={TITLE} message="Cette mesure n’existe pas ou a été supprimée." back="/personnes" />;
  const refusal = interimRefusal(file);
  if (refusal) return <DocumentUnavailable title={TITLE} message={refusal} back={backPath(file)} />;
  const { person, measure, progress } = file;
  const first = file.hourLogs[0]?.date;
  const last = file.hourLogs[file.hourLogs.length - 1]?.date;
  const { hosts, work } = attestedWork(file);
  const signer = person.counsellor ?? identity.userName;

  return (
    <PrintFrame issuer={issuer} judicial title={`${TITLE} – ${measureKindLabels[measure.kind]}`} back={backPath(file)}>
      <AttestationOpening signer={signer} service={identity.name} person={person} />
      <p>
        a effectué, à la date du {formatDate(today)}, <strong>{formatAmount(progress.unit, progress.done)}</strong> {work} sur les{' '}
        {amountWith(progress.unit, progress.ordered, 'ordonné')} par décision du {formatDate(measure.decisionDate)} ({measure.jurisdiction})
        {first && last ? `, entre le ${formatDate(first)} et le ${formatDate(last)}` : ''}
        {hosts.length > 0 ? `, au sein de : ${hosts.join(', ')}` : ''}.
      </p>
      <p>
        La mesure est en cours : il reste {formatAmount(progress.unit, progress.remaining)} à accomplir. Cette attestation ne vaut pas attestation d’exécution
        de la mesure.
      </p>
      <dl className="app-document__fields fr-mt-3w">
        <dt>{orderedLabel(progress.unit)}</dt>
        <dd>{formatAmount(progress.unit, progress.ordered)}</dd>
        <dt>Heures effectuées à ce jour</dt>
        <dd>{formatHours(file.hoursDone)}</dd>
        <dt>Jours de travail</dt>
        <dd>{new Set(file.hourLogs.map((l) => l.date)).size}</dd>
      </dl>
      <p className="fr-mt-3w">Attestation délivrée à l’intéressé(e) pour servir et valoir ce que de droit.</p>
      <Signatures>
        <SignatureBox title="Le conseiller pénitentiaire d’insertion et de probation" lines={[signer, 'Signature']} />
        <SignatureBox title="Cachet du service" />
      </Signatures>
    </PrintFrame>
  );
}

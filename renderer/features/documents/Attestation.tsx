import type { MeasureFile } from '../../../shared/repos/documents.ts';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { isTigKind } from '../../../shared/rules/hours.ts';
import { orderedLabel } from '../../../shared/schemas/labels.ts';
import { amountWith, formatAmount } from '../../../shared/rules/ordered.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { usePrintIssuer } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { backPath, fullName, useMeasureFile } from './measureFile.tsx';

const TITLE = 'Attestation d’exécution';

/**
 * Why the attestation cannot be printed yet, or undefined when it can: the measure ended because every
 * hour (or day) ordered was done.
 */
export function attestationRefusal(file: Pick<MeasureFile, 'measure' | 'progress'>): string | undefined {
  const { measure, progress } = file;
  if (measure.status !== 'terminee') {
    return `L’attestation ne s’établit que pour une mesure terminée : celle-ci est au statut « ${measureStatusLabels[measure.status]} » (${amountWith(progress.unit, progress.done, 'effectué')} sur ${formatAmount(progress.unit, progress.ordered)}).`;
  }
  if (progress.done !== progress.ordered) {
    const recorded = progress.unit === 'days' ? 'Les jours enregistrés' : 'Les heures enregistrées';
    return `${recorded} (${formatAmount(progress.unit, progress.done)}) ne correspondent pas aux ${amountWith(progress.unit, progress.ordered, 'ordonné')} : vérifiez les saisies avant d’établir l’attestation.`;
  }
  return undefined;
}

/** Where and under which title the hours were done, as both attestations (final and interim) say it. */
export function attestedWork(file: MeasureFile): { hosts: string[]; work: string } {
  const hosts = [...new Set(file.placements.map((p) => p.organisation?.name).filter((name): name is string => Boolean(name)))];
  const work = isTigKind(file.measure.kind) ? 'de travail d’intérêt général' : `au titre de la mesure « ${measureKindLabels[file.measure.kind]} »`;
  return { hosts, work };
}

/** Who attests, and of whom: the opening of both attestations. */
export function AttestationOpening({ signer, service, person }: { signer: string; service: string; person: MeasureFile['person'] }) {
  return (
    <>
      <p className="fr-mt-4w">
        Je soussigné(e), <strong>{signer}</strong>, conseiller pénitentiaire d’insertion et de probation, {service}, atteste que :
      </p>
      <p className="fr-my-3w" style={{ textAlign: 'center' }}>
        <strong>{fullName(person)}</strong>, né(e) le {formatDate(person.birthDate)}, dossier n° {person.caseNumber},
      </p>
    </>
  );
}

/** The attestation of the hours done, once the measure is over with all of them. */
export function Attestation() {
  const issuer = usePrintIssuer();
  const { identity } = issuer;
  const file = useMeasureFile();
  if (file === undefined) return null;
  if (!file) return <DocumentUnavailable title={TITLE} message="Cette mesure n’existe pas ou a été supprimée." back="/personnes" />;
  const refusal = attestationRefusal(file);
  if (refusal) return <DocumentUnavailable title={TITLE} message={refusal} back={backPath(file)} />;
  const { person, measure, progress } = file;
  const inDays = progress.unit === 'days';
  const first = file.hourLogs[0]?.date;
  const { hosts, work } = attestedWork(file);
  const signer = person.counsellor ?? identity.userName;

  return (
    <PrintFrame issuer={issuer} judicial title={`${TITLE} – ${measureKindLabels[measure.kind]}`} back={backPath(file)}>
      <AttestationOpening signer={signer} service={identity.name} person={person} />
      <p>
        a effectué <strong>{formatAmount(progress.unit, progress.done)}</strong>
        {inDays ? ` (${formatHours(file.hoursDone)})` : ''} {work}, soit la totalité des {amountWith(progress.unit, progress.ordered, 'ordonné')} par décision
        du {formatDate(measure.decisionDate)} ({measure.jurisdiction}),{first ? ` entre le ${formatDate(first)} et le ${formatDate(measure.endedOn)}` : ''}
        {hosts.length > 0 ? `, au sein de : ${hosts.join(', ')}` : ''}.
      </p>
      <p>
        La mesure a pris fin le {formatDate(measure.endedOn)},{' '}
        {inDays ? 'tous les jours ordonnés ayant été accomplis' : 'toutes les heures ordonnées ayant été accomplies'}.
      </p>
      <dl className="app-document__fields fr-mt-3w">
        <dt>{orderedLabel(progress.unit)}</dt>
        <dd>{formatAmount(progress.unit, progress.ordered)}</dd>
        <dt>Heures effectuées</dt>
        <dd>{formatHours(file.hoursDone)}</dd>
        <dt>Jours de travail</dt>
        <dd>{new Set(file.hourLogs.map((l) => l.date)).size}</dd>
        <dt>Fin de la mesure</dt>
        <dd>{formatDate(measure.endedOn)}</dd>
      </dl>
      <p className="fr-mt-3w">Attestation délivrée à l’intéressé(e) pour servir et valoir ce que de droit.</p>
      <Signatures>
        <SignatureBox title="Le conseiller pénitentiaire d’insertion et de probation" lines={[signer, 'Signature']} />
        <SignatureBox title="Cachet du service" />
      </Signatures>
    </PrintFrame>
  );
}

import { formatDate } from '../../../shared/format/fr.ts';
import { accordsCadresSince2019, nationalAgreementCounts } from '../../../shared/repos/nationalPartners.ts';

/**
 * What the public texts count without naming: the national framework agreements of 12 November 2019 are a
 * number in the reference list, not records, so the screen states it next to the named ones.
 */
export function NationalAgreementsNote() {
  return (
    <p className="fr-text--sm">
      Liste nationale de référence :{' '}
      {nationalAgreementCounts.map((c) => (
        <strong key={c.signedOn}>
          {c.count} accords-cadres nationaux signés le {formatDate(c.signedOn)}
        </strong>
      ))}{' '}
      (leur nombre seul : le texte public ne nomme pas les partenaires), {accordsCadresSince2019.count} accords-cadres signés depuis 2019 au{' '}
      {formatDate(accordsCadresSince2019.asOf)}. Les accords et conventions que les textes nomment figurent dans la liste.
    </p>
  );
}

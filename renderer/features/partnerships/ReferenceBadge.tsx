import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { isLocallyOwned } from '../../../shared/repos/ownership.ts';
import { useIdentity } from '../../app/index.ts';

export const REFERENCE_TEXT = 'Donnée de référence nationale : modifiable par l’ATIGIP seulement';

/** Whether this site may change the record: its own records, or any at headquarters (ATIGIP). */
export function useEditable(record: { siteId: string }): boolean {
  return isLocallyOwned(useIdentity(), record);
}

/** Says why a record received from headquarters has no edit or delete button here. */
export function ReferenceBadge() {
  return (
    <Badge severity="info" noIcon={false} className="fr-mb-2w">
      {REFERENCE_TEXT}
    </Badge>
  );
}

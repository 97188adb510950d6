import { useParams } from 'react-router';
import { measureFile, type MeasureFile } from '../../../shared/repos/documents.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import type { Measure } from '../../../shared/schemas/measure.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import type { Organisation } from '../../../shared/schemas/organisation.ts';
import { useRecord } from '../../app/index.ts';
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
  const { measureId = '' } = useParams();
  return useRecord(measureFile, measureId);
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

/** Whom a report to the judge is addressed to. */
export function JapRecipient() {
  return (
    <>
      <p>Madame, Monsieur le juge de l’application des peines</p>
      <p>Service de l’application des peines</p>
    </>
  );
}

/** The measure's nature and the decision that ordered it, in a document's list of facts. */
export function MeasureDecision({ measure }: { measure: Pick<Measure, 'kind' | 'jurisdiction' | 'decisionDate'> }) {
  return (
    <>
      <dt>Nature</dt>
      <dd>{measureKindLabels[measure.kind]}</dd>
      <dt>Décision</dt>
      <dd>
        {measure.jurisdiction}, le {formatDate(measure.decisionDate)}
      </dd>
    </>
  );
}

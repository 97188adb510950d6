import { Select } from '@codegouvfr/react-dsfr/Select';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { departements } from '../../../shared/reference/geo.ts';
import { fieldState } from '../../ui/forms.ts';

/** The official list of départements, filled in when a commune is chosen from the suggestions. */
export function DepartementSelect({ label, error, registration }: { label: string; error: string | undefined; registration: UseFormRegisterReturn }) {
  return (
    <Select
      label={label}
      hint="Rempli en choisissant la commune dans la liste"
      {...fieldState(error ? { message: error } : undefined)}
      nativeSelectProps={registration}
    >
      <option value="">Choisissez un département</option>
      {departements.map((d) => (
        <option key={d.code} value={d.code}>
          {d.code} – {d.nom}
        </option>
      ))}
    </Select>
  );
}

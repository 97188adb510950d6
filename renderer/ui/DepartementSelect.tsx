import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ComponentProps } from 'react';
import { departements } from '../../shared/reference/geo.ts';
import { fieldState } from './forms.ts';

/**
 * The official list of départements, `54 – Meurthe-et-Moselle`: a record's field (registered, with its error) or
 * a list's filter (`empty="Tous les départements"`, value and onChange).
 */
export function DepartementSelect({
  label = 'Département',
  filledByCommune = false,
  error,
  empty = 'Choisissez un département',
  nativeSelectProps,
}: {
  label?: string;
  /** Beside a commune field that fills it: the hint says so. */
  filledByCommune?: boolean;
  error?: { message?: string | undefined } | undefined;
  /** The first option, the empty choice. */
  empty?: string;
  nativeSelectProps: ComponentProps<'select'>;
}) {
  return (
    <Select
      label={label}
      hint={filledByCommune ? 'Rempli en choisissant la commune dans la liste' : undefined}
      {...fieldState(error)}
      nativeSelectProps={nativeSelectProps}
    >
      <option value="">{empty}</option>
      {departements.map((d) => (
        <option key={d.code} value={d.code}>
          {d.code} – {d.nom}
        </option>
      ))}
    </Select>
  );
}

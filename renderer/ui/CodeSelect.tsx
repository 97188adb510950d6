import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ComponentProps, ReactNode } from 'react';
import { fieldState } from './forms.ts';

/**
 * A fixed list of codes shown by their French labels, after an empty first choice: a record's field (registered,
 * with its error) or a list's filter (`empty="Tous les domaines"`, value and onChange).
 */
export function CodeSelect<Code extends string>({
  label,
  codes,
  labels,
  empty,
  hint,
  error,
  nativeSelectProps,
}: {
  label: ReactNode;
  codes: readonly Code[];
  labels: Record<Code, string>;
  /** The first option, the empty choice. */
  empty: string;
  hint?: ReactNode;
  error?: { message?: string | undefined } | undefined;
  nativeSelectProps: ComponentProps<'select'>;
}) {
  return (
    <Select label={label} hint={hint} {...fieldState(error)} nativeSelectProps={nativeSelectProps}>
      <option value="">{empty}</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {labels[code]}
        </option>
      ))}
    </Select>
  );
}

import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useId, useMemo, useState } from 'react';
import { searchCommunes, type Commune, type CommuneRow } from '../../../shared/reference/communeSearch.ts';
import { loadCommunes } from './communes.ts';

export interface CommuneValue {
  communeName: string;
  communeCode?: string;
  departement?: string;
  /** The commune's main postal code, when it was chosen from the list. */
  postalCode?: string;
}

const optionText = (c: Commune) => `${c.name} (${c.postalCode || c.departement})`;

/**
 * A commune typed freely, with suggestions from the official list as the user types (2 letters or a postal
 * code); choosing a suggestion also gives the INSEE code, the département and the postal code.
 */
export function CommuneField({
  label = 'Commune',
  value,
  onChange,
  departement,
  errorMessage,
  hintText,
}: {
  label?: string;
  value: CommuneValue;
  onChange: (value: CommuneValue) => void;
  departement?: string;
  errorMessage?: string;
  hintText?: string;
}) {
  const listId = useId();
  const text = value.communeName;
  const wanted = text.trim().length >= 2;
  const [rows, setRows] = useState<readonly CommuneRow[]>();

  useEffect(() => {
    let live = true;
    if (wanted && !rows) void loadCommunes().then((loaded) => live && setRows(loaded));
    return () => {
      live = false;
    };
  }, [wanted, rows]);

  const suggestions = useMemo(() => (rows && wanted ? searchCommunes(rows, text, departement ? { departement } : {}) : []), [rows, wanted, text, departement]);

  const pick = (typed: string) => {
    const chosen = suggestions.find((c) => optionText(c) === typed);
    onChange(
      chosen
        ? {
            communeName: chosen.name,
            communeCode: chosen.code,
            departement: chosen.departement,
            ...(chosen.postalCode ? { postalCode: chosen.postalCode } : {}),
          }
        : { communeName: typed },
    );
  };

  return (
    <>
      <Input
        label={label}
        hintText={hintText ?? 'Tapez au moins deux lettres ou un code postal, puis choisissez dans la liste'}
        state={errorMessage ? 'error' : 'default'}
        stateRelatedMessage={errorMessage}
        nativeInputProps={{ value: text, onChange: (e) => pick(e.target.value), list: listId, autoComplete: 'off' }}
      />
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c.code} value={optionText(c)} />
        ))}
      </datalist>
    </>
  );
}

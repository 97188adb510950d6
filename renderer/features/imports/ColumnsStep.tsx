import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ImportKind } from '../../../shared/csv/importFields.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import { delimiterLabels, encodingLabels, fieldsOf, formatHints, ignoredHeaders, mappingErrors, type ColumnMapping, type LoadedFile } from './importWizard.ts';

/** Step 2: which column of the file holds each field, guessed from the headers and corrected by the user. */
export function ColumnsStep({
  kind,
  file,
  mapping,
  onAssign,
  busy,
  onCheck,
  onRestart,
}: {
  kind: ImportKind;
  file: LoadedFile;
  mapping: ColumnMapping;
  onAssign: (field: string, header: string | undefined) => void;
  busy: boolean;
  onCheck: () => void;
  onRestart: () => void;
}) {
  const { parsed } = file;
  const errors = mappingErrors(kind, mapping);
  const ignored = ignoredHeaders(parsed.headers, mapping);
  const sample = parsed.rows[0];
  return (
    <section aria-label="Correspondance des colonnes">
      <p>
        <strong>{file.name}</strong> : {counted(parsed.rows.length, 'ligne')} de données, {counted(parsed.headers.length, 'colonne')}, encodage encodage{' '}
        {encodingLabels[parsed.encoding]}, séparateur {delimiterLabels[parsed.delimiter]}.
        {parsed.lineErrors.length > 0 &&
          ` ${counted(parsed.lineErrors.length, 'ligne illisible', 'lignes illisibles')} (${agree('signalé', 'f', parsed.lineErrors.length)} dans le rapport).`}
      </p>
      <p>
        Vérifiez pour chaque information la colonne du fichier qui la contient. Les colonnes reconnues sont déjà choisies ; les informations suivies d’un
        astérisque (*) sont obligatoires.
      </p>
      {errors.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Colonnes obligatoires à choisir"
          description={
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <SimpleTable
        caption="Correspondance entre les informations et les colonnes du fichier"
        headers={['Information', 'Colonne du fichier', 'Format attendu', sample ? `Exemple (ligne ${sample.line})` : 'Exemple']}
      >
        {fieldsOf(kind).map((f) => {
          const header = mapping[f.field];
          const id = `colonne-${f.field}`;
          return (
            <tr key={f.field}>
              <td>
                <label htmlFor={id}>
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
              </td>
              <td>
                <select
                  id={id}
                  className="fr-select app-column-select"
                  value={header ?? ''}
                  onChange={(event) => onAssign(f.field, event.target.value || undefined)}
                >
                  <option value="">— Aucune colonne —</option>
                  {parsed.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
              <td>{formatHints[f.type]}</td>
              <td>{header && sample ? sample.values[header] : ''}</td>
            </tr>
          );
        })}
      </SimpleTable>
      {ignored.length > 0 && <p className="fr-text--sm">Colonnes du fichier non importées : {ignored.map((h) => `« ${h} »`).join(', ')}.</p>}
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
        <li>
          <Button iconId="fr-icon-search-line" disabled={errors.length > 0 || busy} onClick={onCheck}>
            Vérifier les lignes
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-arrow-left-line" disabled={busy} onClick={onRestart}>
            Choisir un autre fichier
          </Button>
        </li>
      </ul>
    </section>
  );
}

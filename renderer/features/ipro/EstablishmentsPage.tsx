import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState, type FormEvent } from 'react';
import type { EstablishmentRow } from '../../../shared/bridge/reviewSchemas.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { isHeadquarters } from '../../../shared/repos/ownership.ts';
import type { EstablishmentFilter } from '../../../shared/rules/establishments.ts';
import { dispLabels, disps, type Disp } from '../../../shared/schemas/establishmentProfile.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { workDomainLabels, workDomains, type WorkDomain } from '../../../shared/schemas/programme.ts';
import { useIdentity } from '../../app/index.ts';
import { BridgeError, getBridge } from '../../bridge/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { filterFromForm, type FilterForm } from './filter.ts';
import { counted, verb } from '../../../shared/format/agreement.ts';

const label = (field: string) => labelOf('establishmentProfile', field);

const referent = (e: EstablishmentRow) => [e.officerName, e.officerPhone, e.officerEmail].filter(Boolean).join(' · ');

const columns: DataColumn<EstablishmentRow>[] = [
  { id: 'name', header: 'Établissement', accessor: (e) => e.name, filter: 'text', width: '16%' },
  { id: 'site', header: 'Code', accessor: (e) => e.siteCode ?? '', width: '7%' },
  { id: 'disp', header: label('disp'), accessor: (e) => dispLabels[e.disp], width: '13%' },
  { id: 'commune', header: 'Commune', accessor: (e) => `${e.communeName} (${e.departement})`, width: '10%' },
  { id: 'capacity', header: 'Places', accessor: (e) => e.capacity, align: 'right', width: '6%' },
  { id: 'production', header: 'Production (m²)', accessor: (e) => e.productionArea, align: 'right', width: '12%' },
  { id: 'storage', header: 'Stockage (m²)', accessor: (e) => e.storageArea, align: 'right', width: '11%' },
  { id: 'domains', header: 'Domaines', accessor: (e) => e.domains.map((d) => workDomainLabels[d]).join(', '), width: '11%' },
  { id: 'referent', header: 'Référent', accessor: referent, width: '14%' },
];

type Result = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: EstablishmentRow[] };

const emptyForm: FilterForm = { disp: '', domain: '', minProductionArea: '', minStorageArea: '' };

/**
 * `/etablissements` (headquarters): every establishment's profile from the consolidated store, narrowed as a
 * company asks (DISP, activity domain, minimum areas), to tell it where to settle an activity.
 */
export function EstablishmentsPage() {
  const hq = isHeadquarters(useIdentity());
  return (
    <Page title="Établissements (IPRO 360°)">
      {hq ? (
        <Establishments />
      ) : (
        <Alert
          severity="info"
          title="Liste tenue au siège"
          description="La liste des établissements et de leurs surfaces se consulte au siège (ATIGIP), à partir des fiches que chaque établissement envoie avec ses lots."
        />
      )}
    </Page>
  );
}

function Establishments() {
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filter, setFilter] = useState<EstablishmentFilter>({});
  const [formError, setFormError] = useState<string>();
  const [result, setResult] = useState<{ key: string; value: Result }>();
  const [selected, setSelected] = useState<EstablishmentRow>();
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify({ filter, attempt });

  useEffect(() => {
    let live = true;
    getBridge()
      .hqEstablishments(filter)
      .then(
        (answer) => live && setResult({ key, value: { status: 'ready', rows: answer.establishments } }),
        (error: unknown) => live && setResult({ key, value: { status: 'error', message: error instanceof BridgeError ? error.message : errorMessage(error) } }),
      );
    return () => {
      live = false;
    };
    // `key` is the filter and the attempt as text: the same request is not sent twice unless asked again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = filterFromForm(form);
    if (!parsed.ok) {
      setFormError(parsed.message);
      return;
    }
    setFormError(undefined);
    setFilter(parsed.filter);
  };
  const reset = () => {
    setForm(emptyForm);
    setFormError(undefined);
    setFilter({});
  };
  const state: Result = result?.key === key ? result.value : { status: 'loading' };
  const set = (field: keyof FilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  return (
    <>
      <p>Les fiches établissement arrivent au siège avec les lots des établissements pénitentiaires. Précisez la demande de l’entreprise :</p>
      <form onSubmit={submit} noValidate className="app-ipro-filter" aria-label="Demande d’une entreprise">
        <Select label="DISP" nativeSelectProps={{ value: form.disp, onChange: set('disp') }}>
          <option value="">Toutes les DISP</option>
          {disps.map((d: Disp) => (
            <option key={d} value={d}>
              {dispLabels[d]}
            </option>
          ))}
        </Select>
        <Select label="Domaine d’activité" nativeSelectProps={{ value: form.domain, onChange: set('domain') }}>
          <option value="">Tous les domaines</option>
          {workDomains.map((d: WorkDomain) => (
            <option key={d} value={d}>
              {workDomainLabels[d]}
            </option>
          ))}
        </Select>
        <Input
          label="Surface de production minimale (m²)"
          state={formError?.startsWith('Surface de production') ? 'error' : 'default'}
          nativeInputProps={{ value: form.minProductionArea, onChange: set('minProductionArea'), inputMode: 'decimal', autoComplete: 'off' }}
        />
        <Input
          label="Surface de stockage minimale (m²)"
          state={formError?.startsWith('Surface de stockage') ? 'error' : 'default'}
          nativeInputProps={{ value: form.minStorageArea, onChange: set('minStorageArea'), inputMode: 'decimal', autoComplete: 'off' }}
        />
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={reset}>
              Effacer la demande
            </Button>
          </li>
        </ul>
      </form>
      {formError && <Alert className="fr-mb-3w" severity="error" small description={formError} role="alert" />}
      {state.status === 'loading' ? (
        <Loading what="Recherche des établissements" />
      ) : state.status === 'error' ? (
        <>
          <Alert className="fr-mb-2w" severity="error" title="La liste des établissements ne peut pas être lue" description={state.message} role="alert" />
          <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => setAttempt((n) => n + 1)}>
            Réessayer
          </Button>
        </>
      ) : (
        <>
          <p role="status" className="fr-mb-2w">
            {state.rows.length === 0
              ? 'Aucun établissement ne répond à cette demande.'
              : `${counted(state.rows.length, 'établissement')} ${verb(state.rows.length, 'répond', 'répondent')} à cette demande, les plus grandes surfaces de production en premier.`}
          </p>
          <DataTable
            caption="Établissements répondant à la demande"
            columns={columns}
            data={state.rows}
            getRowId={(e) => e.id}
            onRowActivate={setSelected}
            csvFileName="etablissements-ipro360.csv"
            height={`min(60vh, ${state.rows.length * 40 + 64}px)`}
            emptyMessage={
              Object.keys(filter).length > 0
                ? 'Élargissez la demande : une autre DISP, un autre domaine, des surfaces plus petites.'
                : 'Aucune fiche établissement n’a encore été reçue : elles arrivent avec les lots des établissements pénitentiaires.'
            }
          />
          {selected && state.rows.some((r) => r.id === selected.id) && <EstablishmentCard establishment={selected} />}
        </>
      )}
    </>
  );
}

/** Everything a company needs about one establishment, opened from its row. */
function EstablishmentCard({ establishment: e }: { establishment: EstablishmentRow }) {
  return (
    <section className="app-ipro-card fr-mt-3w" aria-labelledby="etablissement-choisi">
      <h2 id="etablissement-choisi" className="fr-h4">
        {e.name}
      </h2>
      <dl className="app-definitions">
        <dt>{label('disp')}</dt>
        <dd>{dispLabels[e.disp]}</dd>
        <dt>{label('communeName')}</dt>
        <dd>
          {e.communeName} ({departementLabel(e.departement)})
        </dd>
        <dt>{label('capacity')}</dt>
        <dd>{formatNumber(e.capacity)}</dd>
        <dt>{label('productionArea')}</dt>
        <dd>{formatNumber(e.productionArea)} m²</dd>
        <dt>{label('storageArea')}</dt>
        <dd>{formatNumber(e.storageArea)} m²</dd>
        <dt>{label('domains')}</dt>
        <dd>{e.domains.map((d) => workDomainLabels[d]).join(', ') || 'Non renseignés'}</dd>
        <dt>{label('officerName')}</dt>
        <dd>{e.officerName}</dd>
        <dt>Contact</dt>
        <dd>{[e.officerPhone, e.officerEmail].filter(Boolean).join(' · ') || 'Non renseigné'}</dd>
      </dl>
    </section>
  );
}

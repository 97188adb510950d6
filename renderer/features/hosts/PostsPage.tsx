import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { habilitationStatusLabels } from '../../../shared/rules/habilitation.ts';
import { searchPosts, type PostRow } from '../../../shared/repos/posts.ts';
import { activityDomainLabels, activityDomains } from '../../../shared/schemas/post.ts';
import { useRepo, useToday } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { DepartementSelect } from '../../ui/DepartementSelect.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { CommuneField } from '../geo/index.ts';
import { importPaths } from '../imports/index.ts';
import { HabilitationBadge, habilitationText } from './HabilitationBadge.tsx';
import { HostsTabs } from './HostsTabs.tsx';
import { hostsPaths } from './paths.ts';
import { emptySearch, readSearchParams, toPostSearch, writeSearchParams, type PostSearchForm } from './postSearch.ts';
import { CodeSelect } from '../../ui/CodeSelect.tsx';

// The search form above asks the repository (domain, département, commune, minors, PMR, free places on a day);
// the table's filters then narrow what it found by the organisation, the place (commune) and the habilitation.
const columns: DataColumn<PostRow>[] = [
  { id: 'title', header: 'Poste', accessor: (p) => p.title, width: '17%' },
  { id: 'organisation', header: 'Structure', accessor: (p) => p.organisationName, filter: 'select', width: '16%' },
  { id: 'domain', header: 'Domaine', accessor: (p) => activityDomainLabels[p.domain], width: '12%' },
  { id: 'commune', header: 'Lieu', accessor: (p) => `${p.communeName} (${p.departement})`, filter: 'select', width: '11%' },
  { id: 'tutors', header: 'Tuteurs', accessor: (p) => p.tutorNames.join(', ') || 'Aucun', width: '10%' },
  {
    id: 'free',
    header: 'Places libres',
    accessor: (p) => p.freePlaces,
    cell: (p) => `${formatNumber(p.freePlaces)} sur ${formatNumber(p.capacity)}`,
    align: 'right',
    width: '9%',
  },
  { id: 'minors', header: 'Mineurs', accessor: (p) => p.openToMinors, width: '7%' },
  { id: 'pmr', header: 'PMR', accessor: (p) => p.accessiblePmr, width: '6%' },
  {
    id: 'habilitation',
    header: 'Habilitation',
    accessor: (p) => habilitationStatusLabels[p.organisationHabilitation.status],
    cell: (p) => <HabilitationBadge state={p.organisationHabilitation} />,
    csv: (p) => habilitationText(p.organisationHabilitation),
    filter: 'select',
    width: '12%',
  },
];
// With inactive posts the title column gives room to their state.
const columnsWithState: DataColumn<PostRow>[] = [
  { ...columns[0]!, width: '13%' },
  ...columns.slice(1),
  { id: 'active', header: 'Actif', accessor: (p) => p.active, filter: 'boolean', width: '4%' },
];

/** `structures/postes`: the search for a post to place someone on, and the inventory of posts. */
export function PostsPage() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => readSearchParams(params, today), [params, today]);
  // The commune typed but not yet chosen from the list waits for "Appliquer les critères" (or Enter).
  const [draftCommune, setDraftCommune] = useState<{ communeName: string; communeCode?: string } | undefined>();
  const commune = draftCommune ?? { communeName: applied.communeName, communeCode: applied.communeCode };

  const apply = (patch: Partial<PostSearchForm>) => {
    setDraftCommune(undefined);
    setParams(writeSearchParams({ ...applied, communeName: commune.communeName, communeCode: commune.communeCode ?? '', ...patch }, today), { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({});
  };

  const search = useMemo(() => toPostSearch(applied), [applied]);
  const rows = useLiveQuery(() => searchPosts(ctx, search), [ctx, search]);

  return (
    <Page
      title="Structures et postes TIG"
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newPost() }}>
              Ajouter un poste
            </Button>
          </li>
          <li>
            <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: importPaths.hosts }}>
              Importer un fichier CSV
            </Button>
          </li>
        </ul>
      }
    >
      <HostsTabs selected="postes">
        <FlashMessage />
        <form role="search" aria-label="Recherche de postes" onSubmit={submit} className="fr-mb-3w">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-3">
              <CodeSelect
                label="Domaine d’activité"
                codes={activityDomains}
                labels={activityDomainLabels}
                empty="Tous les domaines"
                nativeSelectProps={{ value: applied.domain, onChange: (e) => apply({ domain: e.target.value as PostSearchForm['domain'] }) }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-3">
              <DepartementSelect
                empty="Tous les départements"
                nativeSelectProps={{ value: applied.departement, onChange: (e) => apply({ departement: e.target.value }) }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-3">
              <Select
                label="Ouvert aux mineurs"
                nativeSelectProps={{ value: applied.minors, onChange: (e) => apply({ minors: e.target.value as PostSearchForm['minors'] }) }}
              >
                <option value="">Indifférent</option>
                <option value="oui">Oui</option>
                <option value="non">Non</option>
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-3">
              <Select
                label="Accessible PMR"
                nativeSelectProps={{ value: applied.pmr, onChange: (e) => apply({ pmr: e.target.value as PostSearchForm['pmr'] }) }}
              >
                <option value="">Indifférent</option>
                <option value="oui">Oui</option>
                <option value="non">Non</option>
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-4">
              <CommuneField
                value={commune}
                {...(applied.departement ? { departement: applied.departement } : {})}
                hintText="Choisissez dans la liste, ou tapez le nom puis Entrée"
                onChange={(value) => {
                  if (value.communeCode || value.communeName.trim() === '') {
                    setDraftCommune(undefined);
                    setParams(writeSearchParams({ ...applied, communeName: value.communeName, communeCode: value.communeCode ?? '' }, today), {
                      replace: true,
                    });
                  } else {
                    setDraftCommune(value);
                  }
                }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6 fr-col-xl-3">
              <Input
                label="Places libres le"
                hintText="Aujourd’hui si vous ne changez rien"
                nativeInputProps={{ type: 'date', value: applied.on, onChange: (e) => e.target.value && apply({ on: e.target.value }) }}
              />
            </div>
            <div className="fr-col-12 fr-col-xl-5">
              <Checkbox
                legend="Afficher"
                small
                options={[
                  {
                    label: `Seulement les postes avec une place libre le ${formatDate(applied.on)}`,
                    nativeInputProps: { checked: applied.freeOnly, onChange: (e) => apply({ freeOnly: e.target.checked }) },
                  },
                  {
                    label: 'Aussi les postes inactifs',
                    nativeInputProps: { checked: applied.includeInactive, onChange: (e) => apply({ includeInactive: e.target.checked }) },
                  },
                ]}
              />
            </div>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left">
            <li>
              <Button type="submit" iconId="fr-icon-search-line">
                Appliquer les critères
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="tertiary"
                iconId="fr-icon-close-circle-line"
                onClick={() => {
                  setDraftCommune(undefined);
                  setParams(writeSearchParams(emptySearch(today), today), { replace: true });
                }}
              >
                Effacer les critères
              </Button>
            </li>
          </ul>
        </form>
        {rows === undefined ? (
          <Loading what="Recherche des postes" />
        ) : (
          <DataTable
            caption="Postes de TIG trouvés"
            columns={applied.includeInactive ? columnsWithState : columns}
            data={rows}
            getRowId={(p) => p.id}
            csvFileName="postes-tig.csv"
            initialSort={{ id: 'title' }}
            height="60vh"
            onRowActivate={(p) => void navigate(hostsPaths.post(p.id))}
            emptyMessage={
              writeSearchParams(applied, today).size > 0
                ? 'Aucun poste ne correspond à ces critères. Élargissez la recherche (autre date, tout le département, postes inactifs).'
                : 'Aucun poste de TIG enregistré. Ajoutez les postes depuis la fiche d’une structure, ou importez-les depuis un fichier CSV.'
            }
            emptyAction={
              <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newPost() }}>
                Ajouter un poste
              </Button>
            }
          />
        )}
      </HostsTabs>
    </Page>
  );
}

import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState, type ReactNode } from 'react';
import type { AnnualReview } from '../../../shared/review/types.ts';
import { useIdentity, useToday } from '../../app/index.ts';
import { downloadFile } from '../../ui/download.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { PartnershipsTabs } from '../partnerships/index.ts';
import { hasActivity, reviewCharts } from './chartData.ts';
import { reviewWorkbook, XLSX_MIME_TYPE } from './exports.ts';
import { ReviewChartFigure } from './ReviewCharts.tsx';
import { ReviewTableView } from './ReviewTableView.tsx';
import { defaultReviewYear, reviewYears, scopeKindLabels, scopeOf, scopeOptions, type ScopeKind } from './scope.ts';
import { useHeadquartersReview, useIsHeadquarters, useSiteReview, type ReviewState } from './useReview.ts';
import './review.css';

/** `/partenariats/bilan`: the annual review of a year, on this site or, at headquarters, over the sites' bundles. */
export function ReviewPage() {
  const today = useToday();
  const [year, setYear] = useState(() => defaultReviewYear(today));
  const hq = useIsHeadquarters();
  const yearSelect = (
    <Select label="Année" nativeSelectProps={{ value: String(year), onChange: (e) => setYear(Number(e.target.value)) }}>
      {reviewYears(today).map((y) => (
        <option key={y} value={y}>
          {y}
          {y === Number(today.slice(0, 4)) ? ' (en cours)' : ''}
        </option>
      ))}
    </Select>
  );
  return (
    <Page title="Partenariats">
      <PartnershipsTabs selected="bilan">
        {hq ? <HeadquartersReview year={year} yearSelect={yearSelect} /> : <SiteReview year={year} yearSelect={yearSelect} />}
      </PartnershipsTabs>
    </Page>
  );
}

function SiteReview({ year, yearSelect }: { year: number; yearSelect: ReactNode }) {
  const identity = useIdentity();
  const state = useSiteReview(year);
  return (
    <>
      <div className="app-review-controls">
        {yearSelect}
        <p className="fr-mb-3w">
          Périmètre : <strong>{identity.name}</strong> ({identity.code}). Le siège (ATIGIP) établit le bilan national à partir des lots de chaque site.
        </p>
      </div>
      <ReviewBody state={state} />
    </>
  );
}

function HeadquartersReview({ year, yearSelect }: { year: number; yearSelect: ReactNode }) {
  const [kind, setKind] = useState<ScopeKind>('all');
  const [value, setValue] = useState('');
  const scope = scopeOf(kind, value);
  const { state, directory } = useHeadquartersReview(year, scope);
  const options = useMemo(() => scopeOptions(kind, directory), [kind, directory]);
  return (
    <>
      <div className="app-review-controls">
        {yearSelect}
        <Select
          label="Périmètre"
          nativeSelectProps={{
            value: kind,
            onChange: (e) => {
              const next = e.target.value as ScopeKind;
              setKind(next);
              setValue(scopeOptions(next, directory)[0]?.value ?? '');
            },
          }}
        >
          {(Object.keys(scopeKindLabels) as ScopeKind[]).map((k) => (
            <option key={k} value={k}>
              {scopeKindLabels[k]}
            </option>
          ))}
        </Select>
        {kind !== 'all' && (
          <Select
            label={kind === 'site' ? 'Site' : kind === 'disp' ? 'DISP' : 'Région'}
            hint={options.length === 0 ? 'Aucun choix : aucun lot importé ne renseigne ce périmètre.' : undefined}
            nativeSelectProps={{ value, onChange: (e) => setValue(e.target.value) }}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </div>
      {scope ? <ReviewBody state={state} /> : <p>Choisissez le périmètre du bilan.</p>}
    </>
  );
}

function ReviewBody({ state }: { state: ReviewState }) {
  if (state.status === 'loading') return <Loading what="Calcul du bilan" />;
  if (state.status === 'error') {
    return (
      <>
        <Alert className="fr-mb-2w" severity="error" title="Le bilan ne peut pas être calculé" description={state.message} role="alert" />
        {state.retry && (
          <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={state.retry}>
            Réessayer
          </Button>
        )}
      </>
    );
  }
  return <ReviewView review={state.review} />;
}

function ReviewView({ review }: { review: AnnualReview }) {
  const charts = useMemo(() => reviewCharts(review), [review]);
  const [exporting, setExporting] = useState(false);
  const [failure, setFailure] = useState<string>();
  const exportXlsx = () => {
    setExporting(true);
    setFailure(undefined);
    reviewWorkbook(review)
      .then(({ fileName, bytes }) => downloadFile(fileName, new Blob([bytes as BlobPart], { type: XLSX_MIME_TYPE })))
      .catch((error: unknown) => setFailure(`Le fichier XLSX n’a pas pu être préparé : ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setExporting(false));
  };

  if (!hasActivity(review)) {
    return (
      <EmptyState title={`Rien à compter pour ${review.year} ni pour ${review.year - 1}`}>
        Le bilan compte les postes de TIG offerts, les mises en situation commencées, les heures réalisées, les séances de programmes et leurs participants, et
        l’activité des ateliers de production. Enregistrez-les dans Structures et postes TIG, Personnes et mesures et Ateliers et formations, ou choisissez une
        autre année.
      </EmptyState>
    );
  }

  return (
    <>
      <div className="app-review-section-header fr-mb-2w">
        <h2 className="fr-h3 fr-mb-0">{review.title}</h2>
        <Button iconId="fr-icon-file-download-line" onClick={exportXlsx} disabled={exporting}>
          {exporting ? 'Préparation du fichier XLSX…' : 'Exporter en XLSX (un onglet par tableau)'}
        </Button>
      </div>
      {failure && <Alert className="fr-mb-3w" severity="error" title="Export impossible" description={failure} role="alert" />}
      <details className="fr-mb-4w">
        <summary>Ce que compte le bilan</summary>
        <ul className="fr-text--sm fr-mt-1w">
          <li>
            Un poste de TIG est offert dans l’année s’il était ouvert pendant l’année : une mise en situation s’y est déroulée, ou il a été enregistré avant la
            fin de l’année et n’a pas été fermé avant son début.
          </li>
          <li>Une mise en situation compte l’année où elle a commencé ; les heures, le jour où elles ont été faites.</li>
          <li>Une séance compte l’année où elle commence, avec ses participants présents au moins une fois et leurs heures de présence.</li>
          <li>Les heures de TIG pédagogique viennent des présences : elles sont comptées une seule fois.</li>
          <li>
            Un poste, une mise en situation ou une heure appartient au partenaire de l’accord que nomme la structure d’accueil ; une séance, au partenaire de
            son programme.
          </li>
          <li>
            Chaque chiffre appartient au territoire du site qui l’a enregistré : pour tous les sites, sa région et sa DISP (d’après son département) ; pour une
            région, son département ; sinon, le site. Les heures de TIG réalisées additionnent les mises en situation et le TIG pédagogique.
          </li>
        </ul>
      </details>

      <section aria-labelledby="bilan-graphiques" className="fr-mb-4w">
        <h2 id="bilan-graphiques" className="fr-h4">
          Graphiques
        </h2>
        <div className="app-review-charts">
          {charts.map((chart) => (
            <ReviewChartFigure key={chart.id} chart={chart} year={review.year} />
          ))}
        </div>
      </section>

      <section aria-labelledby="bilan-tableaux">
        <h2 id="bilan-tableaux" className="fr-h4">
          Tableaux
        </h2>
        {review.tables.map((table) => (
          <ReviewTableView key={table.id} review={review} table={table} />
        ))}
      </section>
    </>
  );
}

import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import { Page } from '../../ui/Page.tsx';
import { Journal, useSync } from '../sync/index.ts';
import { ConflictsPanel } from './ConflictsPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { OutputsPanel } from './OutputsPanel.tsx';
import { QuarantinePanel } from './QuarantinePanel.tsx';
import { SitesPanel } from './SitesPanel.tsx';

const tabs = [
  { tabId: 'import', label: 'Import des lots' },
  { tabId: 'sites', label: 'Sites' },
  { tabId: 'conflicts', label: 'Conflits' },
  { tabId: 'quarantine', label: 'Quarantaine' },
  { tabId: 'outputs', label: 'Diffusion' },
] as const;
type TabId = (typeof tabs)[number]['tabId'];

const isTabId = (value: string | null): value is TabId => tabs.some((t) => t.tabId === value);

/** The consolidation screen opened on one of its tabs (the headquarters dashboard links there). */
export const consolidationPath = (tab: TabId) => `/consolidation?onglet=${tab}`;

/** Headquarters' consolidation: import the sites' bundles, follow the sites, review, hand out files. */
export function ConsolidationPage() {
  const sync = useSync();
  const [params] = useSearchParams();
  const asked = params.get('onglet');
  const [tab, setTab] = useState<TabId>(isTabId(asked) ? asked : 'import');
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    void sync.refreshHq();
  };
  const { hq } = sync;

  return (
    <Page title="Consolidation">
      {hq === undefined && <p>Ouverture de la base du siège…</p>}
      {hq && !hq.ok && <Alert severity="error" title="Base du siège indisponible" description={hq.message} />}
      {hq?.ok && (
        <>
          <dl className="app-definitions fr-mb-3w" data-testid="hq-summary">
            <dt>Sites inscrits</dt>
            <dd>{formatNumber(hq.sites)}</dd>
            <dt>Lots importés</dt>
            <dd>{formatNumber(hq.bundles)}</dd>
            <dt>Conflits à examiner</dt>
            <dd>{formatNumber(hq.conflicts)}</dd>
            <dt>Lots en quarantaine</dt>
            <dd>{formatNumber(hq.quarantined)}</dd>
            <dt>Clé de chiffrement du siège</dt>
            <dd>
              {hq.keyId} (créée le {formatDateTime(hq.createdAt)})
            </dd>
            <dt>Base du siège</dt>
            <dd>
              <code>{hq.dir}</code>
            </dd>
          </dl>
          <Tabs
            label="Consolidation"
            tabs={tabs.map((t) => ({ tabId: t.tabId, label: t.label }))}
            selectedTabId={tab}
            onTabChange={(id) => setTab(id as TabId)}
          >
            {tab === 'import' && <ImportPanel onImported={changed} onReenrol={() => setTab('quarantine')} />}
            {tab === 'sites' && <SitesPanel version={version} />}
            {tab === 'conflicts' && <ConflictsPanel version={version} />}
            {tab === 'quarantine' && <QuarantinePanel version={version} onChanged={changed} />}
            {tab === 'outputs' && <OutputsPanel onChanged={changed} />}
          </Tabs>
          <div className="fr-mt-4w">
            <Journal entries={sync.journal} />
          </div>
        </>
      )}
    </Page>
  );
}
